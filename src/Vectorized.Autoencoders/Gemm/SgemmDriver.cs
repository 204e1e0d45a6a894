using System.Runtime.CompilerServices;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// The BLIS loop nest around one micro-kernel: <c>jc</c> (Nc over n), <c>pc</c> (Kc over k;
/// pack B), <c>ic</c> (Mc over m; pack A), <c>jr</c> (Nr), <c>ir</c> (Mr). Threads take
/// disjoint column (or row) ranges of C cut at micro-tile boundaries, and every element is
/// summed by the same kernel calls over the same Kc blocks whatever the cut, so results are
/// bitwise identical for any thread count.
/// </summary>
internal static unsafe partial class SgemmDriver<TKernel>
    where TKernel : struct, ISgemmMicroKernel
{
    // One thread's multiply-adds per microsecond on small shapes (about 130 GFLOP/s, measured
    // 32x128x784 at 46 us): how ParallelPolicy learns how long a product takes.
    private const double FmasPerMicrosecond = 64_000;

    public static void Run(in SgemmOperands g, int threads)
    {
        var fmas = (double)g.M * g.N * g.K;
        var streamed = SgemmPaths.StreamsB(g);
        var call = AdaptiveThreads.Begin(streamed ? WorkKind.Gemm : WorkKind.GemmPacked, fmas / FmasPerMicrosecond, threads);
        if (streamed)
        {
            RunStreamed(g, call.Threads);
        }
        else
        {
            RunPacked(g, call.Threads);
        }

        AdaptiveThreads.End(call);
    }

    /// <summary>
    /// The <c>jr</c> and <c>ir</c> loops over one packed block of A against a block of op(B)
    /// columns: packed micro-panels, or B read in place (<paramref name="bPack"/> null) with
    /// the partial last panel from <paramref name="bEdge"/>. With <paramref name="aInPlace"/>,
    /// the full row tiles read a plain A where it is and only a partial last row tile is packed.
    /// </summary>
    // aPack: [ceil(mc / Mr)][kc, Mr]; bPack: [ceil(nc / Nr)][kc, Nr] or null; bEdge: [kc, Nr]; tile: [Mr, Nr]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MacroKernel(
        in SgemmOperands g, int ic, int mc, int pc, int kc, int jc, int nc, float beta,
        float* aPack, float* bPack, float* bEdge, float* tile, bool aInPlace = false)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        for (var jr = 0; jr < nc; jr += nr)
        {
            var cols = Math.Min(nr, nc - jr);
            float* bp;
            nint ldb;
            if (bPack != null)
            {
                bp = bPack + ((nint)jr * kc);
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
                var ap = aPack + ((nint)ir * kc);
                var cp = g.C + ((ic + ir) * g.Ldc) + jc + jr;
                var inPlace = aInPlace && rows == mr ? g.A + ((ic + ir) * g.Lda) + pc : null;
                if (inPlace != null && cols == nr)
                {
                    TKernel.RunInPlace(kc, inPlace, g.Lda, bp, ldb, g.Alpha, beta, cp, g.Ldc);
                }
                else if (rows == mr && cols == nr)
                {
                    TKernel.Run(kc, ap, bp, ldb, g.Alpha, beta, cp, g.Ldc);
                }
                else if (cols == nr)
                {
                    // The last rows of a full-width tile: written in place, only the rows that exist
                    // computed (through the scratch tile, 32 rows took longer than 36).
                    TKernel.RunRows(kc, ap, bp, ldb, g.Alpha, beta, cp, g.Ldc, rows);
                }
                else
                {
                    EdgeTile(kc, ap, inPlace, g.Lda, bp, ldb, g.Alpha, beta, cp, g.Ldc, rows, cols, tile);
                }
            }
        }
    }

    /// <summary>
    /// A tile short of columns runs the same kernel on a scratch copy of its part of C, so its
    /// elements get exactly the arithmetic of a full tile (A from its packed panel, or in place
    /// when <paramref name="aInPlace"/> is not null).
    /// </summary>
    // c: [rows, ldc]; tile: [Mr, Nr]
    private static void EdgeTile(
        nint kc, float* a, float* aInPlace, nint lda, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows, int cols, float* tile)
    {
        var nr = TKernel.Nr;
        if (beta != 0f)
        {
            for (var i = 0; i < rows; i++)
            {
                new ReadOnlySpan<float>(c + (i * ldc), cols).CopyTo(new Span<float>(tile + (i * nr), cols));
            }
        }

        if (aInPlace != null)
        {
            TKernel.RunInPlace(kc, aInPlace, lda, b, ldb, alpha, beta, tile, nr);
        }
        else
        {
            TKernel.Run(kc, a, b, ldb, alpha, beta, tile, nr);
        }

        for (var i = 0; i < rows; i++)
        {
            new ReadOnlySpan<float>(tile + (i * nr), cols).CopyTo(new Span<float>(c + (i * ldc), cols));
        }
    }

    // Part w of parts gets a contiguous run of the units (micro-panels or micro-tiles), as elements [start, end).
    private static (int Start, int End) Range(int w, int parts, int units, int unitSize, int total)
    {
        var first = (int)((long)units * w / parts);
        var last = (int)((long)units * (w + 1) / parts);
        return (first * unitSize, Math.Min(last * unitSize, total));
    }

    private static int DivUp(int x, int y) => (x + y - 1) / y;

    private static int RoundUp(int x, int y) => DivUp(x, y) * y;
}
