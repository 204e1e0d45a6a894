namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the micro-panel layouts the micro-kernels read
/// sequentially, zero-padding partial panels so kernels always run full tiles.
/// </summary>
internal static unsafe class SgemmPacking
{
    /// <summary>
    /// Packs op(A)[ic .. ic+mc, pc .. pc+kc] as ceil(mc / mr) micro-panels, each [kc, mr]
    /// (column p of the panel's mr rows is contiguous), rows past mc zero.
    /// </summary>
    // dst: [ceil(mc / mr) * kc * mr]
    public static void PackA(in SgemmOperands g, int ic, int mc, int pc, int kc, int mr, float* dst)
    {
        for (var ir = 0; ir < mc; ir += mr)
        {
            var rows = Math.Min(mr, mc - ir);
            var panel = dst + (nint)ir * kc;
            if (g.TransA)
            {
                // A stored [k, m]: the panel's rows at depth p are contiguous in A.
                var src = g.A + (pc * g.Lda) + ic + ir;
                for (var p = 0; p < kc; p++)
                {
                    var d = panel + (nint)p * mr;
                    new ReadOnlySpan<float>(src, rows).CopyTo(new Span<float>(d, rows));
                    if (rows < mr)
                    {
                        new Span<float>(d + rows, mr - rows).Clear();
                    }

                    src += g.Lda;
                }
            }
            else
            {
                // A stored [m, k]: the panel is a transpose of mr rows of A.
                RowInterleave.Pack(g.A + (ic + ir) * g.Lda + pc, g.Lda, rows, kc, mr, panel);
            }
        }
    }

    /// <summary>
    /// Packs op(B)[pc .. pc+kc, jc .. jc+nc] as ceil(nc / nr) micro-panels, each [kc, nr],
    /// columns past nc zero.
    /// </summary>
    // dst: [ceil(nc / nr) * kc * nr]
    public static void PackB(in SgemmOperands g, int pc, int kc, int jc, int nc, int nr, float* dst)
    {
        for (var jr = 0; jr < nc; jr += nr)
        {
            PackBPanel(g, pc, kc, jc + jr, Math.Min(nr, nc - jr), nr, dst + (nint)jr * kc);
        }
    }

    /// <summary>Packs one micro-panel op(B)[pc .. pc+kc, j .. j+cols] as [kc, nr], columns past cols zero.</summary>
    // dst: [kc * nr]
    public static void PackBPanel(in SgemmOperands g, int pc, int kc, int j, int cols, int nr, float* dst)
    {
        if (g.TransB)
        {
            // B stored [n, k]: the panel is a transpose of nr rows of B.
            RowInterleave.Pack(g.B + (j * g.Ldb) + pc, g.Ldb, cols, kc, nr, dst);
        }
        else
        {
            // B stored [k, n]: the panel's columns at depth p are contiguous in B.
            var src = g.B + (pc * g.Ldb) + j;
            for (var p = 0; p < kc; p++)
            {
                var d = dst + (nint)p * nr;
                new ReadOnlySpan<float>(src, cols).CopyTo(new Span<float>(d, cols));
                if (cols < nr)
                {
                    new Span<float>(d + cols, nr - cols).Clear();
                }

                src += g.Ldb;
            }
        }
    }
}
