using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// The small-m path (a batch of 32 rows, up to <see cref="SgemmPaths.StreamBMaxRows"/>):
/// all of op(A) is packed once up front and the workers share that pack, each taking column
/// ranges of C. A plain B is read in place; a transposed B (a layer's x W^T) is packed one
/// micro-panel at a time, just before use. No worker repacks A, so splitting finely across
/// threads costs nothing extra.
/// </summary>
internal static unsafe partial class SgemmDriver<TKernel>
{
    private static void RunStreamed(in SgemmOperands g, int workers)
    {
        int mr = TKernel.Mr, kcMax = SgemmPaths.KcStep(g.K, TKernel.Kc);
        var mPadded = RoundUp(g.M, mr);
        // aPack: [ceil(k / Kc) blocks][ceil(m / Mr)][kc, Mr], block pc at offset mPadded * pc
        var aPack = PackBuffers.Current.A(mPadded * g.K);
        if (workers > 1 && (long)g.M * g.K >= ParallelPackMinElements)
        {
            PackAParallel(g, aPack, workers);
        }
        else
        {
            PackARows(g, aPack, 0, g.M);
        }

        if (workers == 1)
        {
            StreamedColumns(g, aPack, 0, g.N);
        }
        else
        {
            RunStreamedParallel(g, aPack, workers);
        }
    }

    // Packing all of op(A) before the workers start is serial work: at 256x784 it took as long
    // as half the product on two threads (measured 0.71x OpenBLAS at 256x784x128, 2 threads).
    // Above this many elements the workers pack disjoint row panels first. Packing is a copy,
    // so the split changes no result.
    private const long ParallelPackMinElements = 1L << 16;

    /// <summary>Packs rows [i0, i1) of op(A), i0 a multiple of Mr, for every Kc block.</summary>
    // aPack: as RunStreamed lays it out
    private static void PackARows(in SgemmOperands g, float* aPack, int i0, int i1)
    {
        int mr = TKernel.Mr, kcMax = SgemmPaths.KcStep(g.K, TKernel.Kc);
        var mPadded = RoundUp(g.M, mr);
        for (var pc = 0; pc < g.K; pc += kcMax)
        {
            var kc = Math.Min(kcMax, g.K - pc);
            SgemmPacking.PackA(g, i0, i1 - i0, pc, kc, mr, aPack + ((nint)mPadded * pc) + ((nint)i0 * kc));
        }
    }

    private static void PackAParallel(in SgemmOperands operands, float* aPack, int workers)
    {
        var panels = DivUp(operands.M, TKernel.Mr);
        var parts = Math.Min(panels, workers);
        ChunkedJob.Run(new PackAPart(operands, aPack, parts, panels), parts, 1, workers);
    }

    /// <summary>The parts of packing op(A): each a range of its row panels, for every Kc block.</summary>
    private readonly struct PackAPart(SgemmOperands operands, float* aPack, int parts, int panels) : IChunkJob
    {
        public void Run(int start, int length)
        {
            for (var part = start; part < start + length; part++)
            {
                var (i0, i1) = Range(part, parts, panels, TKernel.Mr, operands.M);
                PackARows(operands, aPack, i0, i1);
            }
        }
    }

    private static void RunStreamedParallel(in SgemmOperands operands, float* aPack, int workers)
    {
        // More parts than workers: a worker the OS is slow to schedule leaves its parts to the others.
        var panels = DivUp(operands.N, TKernel.Nr);
        var parts = Math.Min(panels, 4 * workers);
        ChunkedJob.Run(new StreamedPart(operands, aPack, parts, panels), parts, 1, workers);
    }

    /// <summary>The streamed path's parts: each a column range of C over the shared pack of A.</summary>
    private readonly struct StreamedPart(SgemmOperands operands, float* aPack, int parts, int panels) : IChunkJob
    {
        public void Run(int start, int length)
        {
            for (var part = start; part < start + length; part++)
            {
                var (j0, j1) = Range(part, parts, panels, TKernel.Nr, operands.N);
                StreamedColumns(operands, aPack, j0, j1);
            }
        }
    }

    /// <summary>C[0 .. m, j0 .. j1], j0 a multiple of Nr: the pc, jr and ir loops over the shared pack of A.</summary>
    // aPack: as packed by RunStreamed
    private static void StreamedColumns(in SgemmOperands g, float* aPack, int j0, int j1)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, kcMax = SgemmPaths.KcStep(g.K, TKernel.Kc);
        var buffers = PackBuffers.Current;
        var bEdge = buffers.BEdge(Math.Min(kcMax, g.K) * nr);
        var tile = buffers.Tile(mr * nr);
        var mPadded = RoundUp(g.M, mr);
        var nc = j1 - j0;
        var fullCols = nc - (nc % nr);
        for (var pc = 0; pc < g.K; pc += kcMax)
        {
            var kc = Math.Min(kcMax, g.K - pc);
            var beta = pc == 0 ? g.Beta : 1f;
            var aBlock = aPack + ((nint)mPadded * pc);
            if (g.TransB)
            {
                // B stored [n, k] (x W^T with W [out, in]): each micro-panel is a transpose of Nr rows
                // of B, packed just before the kernels use it, while it is hot in L1.
                for (var jr = 0; jr < nc; jr += nr)
                {
                    var cols = Math.Min(nr, nc - jr);
                    SgemmPacking.PackBPanel(g, pc, kc, j0 + jr, cols, nr, bEdge);
                    MacroKernel(g, 0, g.M, pc, kc, j0 + jr, cols, beta, aBlock, bEdge, null, tile);
                }

                continue;
            }

            if (fullCols < nc)
            {
                // The last, partial micro-panel cannot be read in place without running past row ends.
                SgemmPacking.PackBPanel(g, pc, kc, j0 + fullCols, nc - fullCols, nr, bEdge);
            }

            MacroKernel(g, 0, g.M, pc, kc, j0, nc, beta, aBlock, null, bEdge, tile);
        }
    }
}
