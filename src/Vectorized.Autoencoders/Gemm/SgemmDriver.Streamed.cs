using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// The small-m path (a batch of 32 rows, up to <see cref="SgemmPaths.StreamBMaxRows"/>):
/// all of op(A) is packed once and never repacked. With few rows the workers share that pack,
/// each taking column ranges of C; with enough rows each packs and uses its own row range. A
/// plain B is read in place; a transposed B (a layer's x W^T) is packed one micro-panel at a
/// time, just before use. A plain A (not transposed) is not packed at all: the kernels read its
/// full row tiles in place (<see cref="InPlaceTileA"/>), and only a partial last row tile is packed.
/// </summary>
internal static unsafe partial class SgemmDriver<TKernel>
{
    private static void RunStreamed(in SgemmOperands g, int workers)
    {
        int mr = TKernel.Mr, kcMax = SgemmPaths.KcStep(g.K, TKernel.Kc);
        var mPadded = RoundUp(g.M, mr);
        // aPack: [ceil(k / Kc) blocks][ceil(m / Mr)][kc, Mr], block pc at offset mPadded * pc
        var aPack = PackBuffers.Current.A(mPadded * g.K);
        if (workers > 1 && SplitsRows(g, workers))
        {
            RunRowParts(g, aPack, workers, multiply: true);
            return;
        }

        if (workers > 1 && (long)g.M * g.K >= ParallelPackMinElements)
        {
            RunRowParts(g, aPack, workers, multiply: false);
        }
        else
        {
            PackARows(g, aPack, 0, g.M);
        }

        if (workers == 1)
        {
            StreamedBlock(g, aPack, 0, g.M, 0, g.N);
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

    /// <summary>
    /// Packs rows [i0, i1) of op(A), i0 a multiple of Mr, for every Kc block: those of them that
    /// the kernels do not read in place (for a plain A, only a partial last row tile).
    /// </summary>
    // aPack: as RunStreamed lays it out
    private static void PackARows(in SgemmOperands g, float* aPack, int i0, int i1)
    {
        int mr = TKernel.Mr, kcMax = SgemmPaths.KcStep(g.K, TKernel.Kc);
        var mPadded = RoundUp(g.M, mr);
        if (ReadsAInPlace(g))
        {
            i0 = Math.Max(i0, g.M - (g.M % mr));
            if (i0 >= i1)
            {
                return;
            }
        }

        for (var pc = 0; pc < g.K; pc += kcMax)
        {
            var kc = Math.Min(kcMax, g.K - pc);
            SgemmPacking.PackA(g, i0, i1 - i0, pc, kc, mr, aPack + ((nint)mPadded * pc) + ((nint)i0 * kc));
        }
    }

    /// <summary>
    /// The workers take ranges of op(A)'s row panels: each packs its own and, with
    /// <paramref name="multiply"/>, runs them against all of op(B) (the row split, no pack shared).
    /// </summary>
    private static void RunRowParts(in SgemmOperands operands, float* aPack, int workers, bool multiply)
    {
        var panels = DivUp(operands.M, TKernel.Mr);
        var parts = Math.Min(panels, workers);
        ChunkedJob.Run(new RowPart(operands, aPack, parts, panels, multiply), parts, 1, workers);
    }

    /// <summary>
    /// A range of op(A)'s row panels: packed for every Kc block and then, with <paramref name="multiply"/>,
    /// run against all of op(B) (the row split); without, only packed for the column parts to share.
    /// </summary>
    private readonly struct RowPart(SgemmOperands operands, float* aPack, int parts, int panels, bool multiply) : IChunkJob
    {
        public void Run(int start, int length)
        {
            for (var part = start; part < start + length; part++)
            {
                var (i0, i1) = Range(part, parts, panels, TKernel.Mr, operands.M);
                PackARows(operands, aPack, i0, i1);
                if (multiply)
                {
                    StreamedBlock(operands, aPack, i0, i1, 0, operands.N);
                }
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
                StreamedBlock(operands, aPack, 0, operands.M, j0, j1);
            }
        }
    }

    // With many rows, each worker packs and multiplies its own row range of A against all of B:
    // its pack of A then stays in its own core's L2. Shared column ranges made every worker read
    // all of A, half of it packed by the other core (measured, 2 threads, both vCPUs busy:
    // 256x128x784 189 -> 292 GFLOP/s with B plain, 176 -> 235 with B transposed; the 32-row
    // shapes have too few row panels to cut and stay on columns).
    private static bool SplitsRows(in SgemmOperands g, int workers) =>
        DivUp(g.M, TKernel.Mr) >= 2 * workers && (long)g.M * g.K >= ParallelPackMinElements;

    // The kernels read a plain A's full row tiles where they are: packing them was a copy of A
    // per call (9% of 252 x 262 x 128 on one thread) that the kernel did not need.
    private static bool ReadsAInPlace(in SgemmOperands g) => !g.TransA;

    /// <summary>C[i0 .. i1, j0 .. j1], i0 and j0 multiples of Mr and Nr: the pc, jr and ir loops over A (its pack, or in place).</summary>
    // aPack: as packed by RunStreamed
    private static void StreamedBlock(in SgemmOperands g, float* aPack, int i0, int i1, int j0, int j1)
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
            var aBlock = aPack + ((nint)mPadded * pc) + ((nint)i0 * kc);
            if (g.TransB)
            {
                // B stored [n, k] (x W^T with W [out, in]): each micro-panel is a transpose of Nr rows
                // of B, packed just before the kernels use it, while it is hot in L1.
                for (var jr = 0; jr < nc; jr += nr)
                {
                    var cols = Math.Min(nr, nc - jr);
                    SgemmPacking.PackBPanel(g, pc, kc, j0 + jr, cols, nr, bEdge);
                    MacroKernel(g, i0, i1 - i0, pc, kc, j0 + jr, cols, beta, aBlock, bEdge, null, tile, ReadsAInPlace(g));
                }

                continue;
            }

            if (fullCols < nc)
            {
                // The last, partial micro-panel cannot be read in place without running past row ends.
                SgemmPacking.PackBPanel(g, pc, kc, j0 + fullCols, nc - fullCols, nr, bEdge);
            }

            MacroKernel(g, i0, i1 - i0, pc, kc, j0, nc, beta, aBlock, null, bEdge, tile, ReadsAInPlace(g));
        }
    }
}
