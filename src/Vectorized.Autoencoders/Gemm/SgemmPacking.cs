using System.Runtime.CompilerServices;

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
                // A stored [m, k]: walk each row once, scattering with stride mr.
                for (var i = 0; i < rows; i++)
                {
                    var src = g.A + ((ic + ir + i) * g.Lda) + pc;
                    var d = panel + i;
                    for (var p = 0; p < kc; p++)
                    {
                        d[(nint)p * mr] = src[p];
                    }
                }

                for (var i = rows; i < mr; i++)
                {
                    ClearStrided(panel + i, kc, mr);
                }
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
            // B stored [n, k]: walk each of the panel's columns (a row of B) once, scattering with stride nr.
            for (var jj = 0; jj < cols; jj++)
            {
                var src = g.B + ((j + jj) * g.Ldb) + pc;
                var d = dst + jj;
                for (var p = 0; p < kc; p++)
                {
                    d[(nint)p * nr] = src[p];
                }
            }

            for (var jj = cols; jj < nr; jj++)
            {
                ClearStrided(dst + jj, kc, nr);
            }
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ClearStrided(float* d, int count, int stride)
    {
        for (var p = 0; p < count; p++)
        {
            d[(nint)p * stride] = 0f;
        }
    }
}
