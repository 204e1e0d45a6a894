namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// The BLIS loop nest around one micro-kernel: <c>jc</c> (Nc over n), <c>pc</c> (Kc over k;
/// pack B), <c>ic</c> (Mc over m; pack A), <c>jr</c> (Nr), <c>ir</c> (Mr). Threads split C
/// into disjoint column (or row) ranges cut at micro-tile boundaries; each worker runs the
/// whole nest on its range, so no element's sum depends on the thread count.
/// </summary>
internal static unsafe class SgemmDriver<TKernel>
    where TKernel : struct, ISgemmMicroKernel
{
    // Below this many multiply-adds a second thread costs more to wake than it saves.
    private const long MinFmasPerWorker = 1L << 18;

    public static void Run(in SgemmOperands g, int threads)
    {
        var streamB = SgemmPaths.StreamsB(g, TKernel.Mr);
        var panels = DivUp(g.N, TKernel.Nr);
        var tiles = DivUp(g.M, TKernel.Mr);
        var fmas = (long)g.M * g.N * g.K;
        var workers = (int)Math.Clamp(Math.Min(threads, fmas / MinFmasPerWorker), 1, Math.Max(panels, tiles));
        if (workers == 1)
        {
            RunRange(g, 0, g.M, 0, g.N, streamB);
            return;
        }

        // Cut along n when it has enough micro-panels to share, otherwise along m.
        var splitColumns = panels >= 2 * workers || panels >= tiles;
        var parts = splitColumns ? Math.Min(workers, panels) : Math.Min(workers, tiles);
        var operands = g;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, w =>
        {
            if (splitColumns)
            {
                var (j0, j1) = Range(w, parts, panels, TKernel.Nr, operands.N);
                RunRange(operands, 0, operands.M, j0, j1, streamB);
            }
            else
            {
                var (i0, i1) = Range(w, parts, tiles, TKernel.Mr, operands.M);
                RunRange(operands, i0, i1, 0, operands.N, streamB);
            }
        });
    }

    /// <summary>C[i0 .. i1, j0 .. j1] on the calling thread; i0 and j0 are multiples of Mr and Nr.</summary>
    private static void RunRange(in SgemmOperands g, int i0, int i1, int j0, int j1, bool streamB)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, mcMax = TKernel.Mc, kcMax = TKernel.Kc, ncMax = TKernel.Nc;
        var buffers = PackBuffers.Current;
        var kcMaxHere = Math.Min(kcMax, g.K);
        var aPack = buffers.A(RoundUp(Math.Min(mcMax, i1 - i0), mr) * kcMaxHere);
        var bPack = streamB ? null : buffers.B(RoundUp(Math.Min(ncMax, j1 - j0), nr) * kcMaxHere);
        var bEdge = streamB ? buffers.BEdge(kcMaxHere * nr) : null;
        var tile = buffers.Tile(mr * nr);

        for (var jc = j0; jc < j1; jc += ncMax)
        {
            var nc = Math.Min(ncMax, j1 - jc);
            for (var pc = 0; pc < g.K; pc += kcMax)
            {
                var kc = Math.Min(kcMax, g.K - pc);
                // Beta scales C once, on the first pass over k; later passes accumulate onto it.
                var beta = pc == 0 ? g.Beta : 1f;
                var fullCols = nc - (nc % nr);
                if (!streamB)
                {
                    SgemmPacking.PackB(g, pc, kc, jc, nc, nr, bPack);
                }
                else if (fullCols < nc)
                {
                    SgemmPacking.PackBPanel(g, pc, kc, jc + fullCols, nc - fullCols, nr, bEdge);
                }

                for (var ic = i0; ic < i1; ic += mcMax)
                {
                    var mc = Math.Min(mcMax, i1 - ic);
                    SgemmPacking.PackA(g, ic, mc, pc, kc, mr, aPack);
                    MacroKernel(g, ic, mc, pc, kc, jc, nc, beta, aPack, bPack, bEdge, tile, streamB);
                }
            }
        }
    }

    // aPack: [ceil(mc / Mr)][kc, Mr]; bPack: [ceil(nc / Nr)][kc, Nr] (null when B is streamed);
    // bEdge: [kc, Nr], the partial last panel of a streamed B; tile: [Mr, Nr] scratch
    private static void MacroKernel(
        in SgemmOperands g, int ic, int mc, int pc, int kc, int jc, int nc, float beta,
        float* aPack, float* bPack, float* bEdge, float* tile, bool streamB)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            float* bp;
            nint ldb;
            if (!streamB)
            {
                bp = bPack + (nint)jr * kc;
                ldb = nr;
            }
            else if (cols == nr)
            {
                bp = g.B + (pc * g.Ldb) + jc + jr;
                ldb = g.Ldb;
            }
            else
            {
                bp = bEdge;
                ldb = nr;
            }

            for (var ir = 0; ir < mc; ir += mr)
            {
                var rows = Math.Min(mr, mc - ir);
                var ap = aPack + (nint)ir * kc;
                var cp = g.C + ((ic + ir) * g.Ldc) + jc + jr;
                if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, ap, bp, ldb, g.Alpha, beta, cp, g.Ldc);
                }
                else
                {
                    EdgeTile(kc, ap, bp, ldb, g.Alpha, beta, cp, g.Ldc, rows, cols, tile);
                }
            }
        }
    }

    /// <summary>
    /// A partial tile runs the same kernel on a scratch copy of its part of C, so its elements
    /// get exactly the arithmetic of a full tile.
    /// </summary>
    // c: [rows, ldc]; tile: [Mr, Nr]
    private static void EdgeTile(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows, int cols, float* tile)
    {
        var nr = TKernel.Nr;
        if (beta != 0f)
        {
            for (var i = 0; i < rows; i++)
            {
                new ReadOnlySpan<float>(c + (i * ldc), cols).CopyTo(new Span<float>(tile + (i * nr), cols));
            }
        }

        TKernel.Run(kc, a, b, ldb, alpha, beta, tile, nr);
        for (var i = 0; i < rows; i++)
        {
            new ReadOnlySpan<float>(tile + (i * nr), cols).CopyTo(new Span<float>(c + (i * ldc), cols));
        }
    }

    // Worker w of parts gets a contiguous run of the units (micro-panels or micro-tiles), as elements [start, end).
    private static (int Start, int End) Range(int w, int parts, int units, int unitSize, int total)
    {
        var first = (int)((long)units * w / parts);
        var last = (int)((long)units * (w + 1) / parts);
        return (first * unitSize, Math.Min(last * unitSize, total));
    }

    private static int DivUp(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int y) => DivUp(x, y) * y;
}
