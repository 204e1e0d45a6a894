using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>The general path: both operands packed, the full five-loop nest per worker.</summary>
internal static unsafe partial class SgemmDriver<TKernel>
{
    private static void RunPacked(in SgemmOperands g, int workers)
    {
        if (workers == 1)
        {
            RunRange(g, 0, g.M, 0, g.N);
        }
        else
        {
            RunPackedParallel(g, workers);
        }
    }

    private static void RunPackedParallel(SgemmOperands operands, int workers)
    {
        // Each part packs all of the other operand's block: cutting n repacks A (m x k) per part,
        // cutting m repacks B (k x n), so cut the side that makes the smaller copy, if it has a
        // micro-panel (or micro-tile) for every worker. The calling thread takes parts no pool
        // thread has started.
        var panels = DivUp(operands.N, TKernel.Nr);
        var tiles = DivUp(operands.M, TKernel.Mr);
        var splitColumns = operands.M <= operands.N ? panels >= workers || panels >= tiles : tiles < workers && panels >= tiles;
        var parts = Math.Min(workers, splitColumns ? panels : tiles);
        ChunkedJob.Run(new PackedPart(operands, parts, panels, tiles, splitColumns), parts, 1, workers);
    }

    /// <summary>The packed path's parts: each a column (or row) range of C, cut at micro-tile edges.</summary>
    private readonly struct PackedPart(SgemmOperands operands, int parts, int panels, int tiles, bool splitColumns) : IChunkJob
    {
        public void Run(int start, int length)
        {
            for (var part = start; part < start + length; part++)
            {
                if (splitColumns)
                {
                    var (j0, j1) = Range(part, parts, panels, TKernel.Nr, operands.N);
                    RunRange(operands, 0, operands.M, j0, j1);
                }
                else
                {
                    var (i0, i1) = Range(part, parts, tiles, TKernel.Mr, operands.M);
                    RunRange(operands, i0, i1, 0, operands.N);
                }
            }
        }
    }

    /// <summary>C[i0 .. i1, j0 .. j1] on the calling thread; i0 and j0 are multiples of Mr and Nr.</summary>
    private static void RunRange(in SgemmOperands g, int i0, int i1, int j0, int j1)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr, mcMax = TKernel.Mc, kcMax = SgemmPaths.KcStep(g.K, TKernel.Kc), ncMax = TKernel.Nc;
        var buffers = PackBuffers.Current;
        var kcMaxHere = Math.Min(kcMax, g.K);
        var aPack = buffers.A(RoundUp(Math.Min(mcMax, i1 - i0), mr) * kcMaxHere);
        var bPack = buffers.B(RoundUp(Math.Min(ncMax, j1 - j0), nr) * kcMaxHere);
        var tile = buffers.Tile(mr * nr);

        for (var jc = j0; jc < j1; jc += ncMax)
        {
            var nc = Math.Min(ncMax, j1 - jc);
            for (var pc = 0; pc < g.K; pc += kcMax)
            {
                var kc = Math.Min(kcMax, g.K - pc);
                // Beta scales C once, on the first pass over k; later passes accumulate onto it.
                var beta = pc == 0 ? g.Beta : 1f;
                SgemmPacking.PackB(g, pc, kc, jc, nc, nr, bPack);
                for (var ic = i0; ic < i1; ic += mcMax)
                {
                    var mc = Math.Min(mcMax, i1 - ic);
                    SgemmPacking.PackA(g, ic, mc, pc, kc, mr, aPack);
                    MacroKernel(g, ic, mc, pc, kc, jc, nc, beta, aPack, bPack, null, tile);
                }
            }
        }
    }
}
