using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// y += x W^T for a few rows of x, given the weights already transposed, W^T stored [k, n]: a dense
/// layer's forward pass at inference batch sizes (and, through <see cref="MultiplyAddPanels"/>, for
/// more rows too). Through <see cref="Sgemm"/> one row took at least a few rows' multiply-adds (a
/// whole micro-tile, until edge tiles got their own bodies) and every weight was first copied into a
/// transposed micro-panel, so a one-row layer ran at 6-10 GFLOP/s
/// (bench/results/inference-2026-12-02.md); with W^T made once, each row of it is a run of outputs
/// that the vectors stream through, nothing packed.
/// The results have the bits of <c>Sgemm.Multiply(false, true, rows, n, k, 1, x, k, W, k, 1, y, n)</c>
/// on the same path: as in its micro-kernels, each output sums its products in k order with fused
/// multiply-adds from zero over the same Kc blocks (<see cref="SgemmPaths.KcStep"/>), and each block's
/// sum is added to y (alpha = beta = 1). So a sample's output does not depend on how many rows share
/// its call.
/// W^T is kept in column panels (<see cref="Pack"/>): [k, 128] for each 128 outputs, then [k, rest].
/// A panel is one pass of eight AVX-512 accumulators read front to back; with W^T as one [k, n]
/// matrix, the decoder's 784-wide layer read 512 bytes of each 3 KB row per pass, and took 1.75 times
/// as long as the encoder's layer of the same size (bench/results/inference-panels-2026-12-03.md).
/// </summary>
internal static class TransposedWeightsGemv
{
    /// <summary>The most rows <see cref="MultiplyAdd"/> is meant for: above them, the SGEMM on the panels reuses each weight enough to win.</summary>
    public const int MaxRows = 4;

    /// <summary>Outputs per column panel of the packed W^T: eight Vector512s (sixteen Vector256s, thirty-two Vector128s).</summary>
    public const int PanelWidth = 128;

    /// <summary>Whether <paramref name="isa"/> has this path (the vector paths; the scalar one keeps <see cref="Sgemm"/>).</summary>
    public static bool Supports(Isa isa) => isa >= Isa.V128;

    /// <summary>y[r] += x[r] W^T for each of <paramref name="rows"/> rows, W^T in the panels <see cref="Pack"/> writes.</summary>
    // x: [rows, k], packed: [k * n] (panels), y: [rows, n]
    public static void MultiplyAdd(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> packed, int n, Span<float> y, Isa isa)
    {
        CheckShapes(x, rows, k, packed, n, y);

        if (!Supports(isa) || isa > IsaSelector.Hardware)
        {
            throw new NotSupportedException($"The transposed-weights product has no {isa} path on this machine.");
        }

        var kcStep = SgemmPaths.KcStep(k, Sgemm.KcMax(isa));
        for (var r = 0; r < rows; r++)
        {
            var xr = x.Slice(r * k, k);
            for (var j = 0; j < n; j += PanelWidth)
            {
                var width = Math.Min(PanelWidth, n - j);
                var panel = packed.Slice(j * k, width * k);
                var yr = y.Slice((r * n) + j, width);
                switch (isa)
                {
                    case Isa.Avx512:
                        Row<Vector512<float>, Vector512Ops>(xr, panel, width, yr, kcStep);
                        break;
                    case Isa.Avx2:
                        Row<Vector256<float>, Vector256Ops>(xr, panel, width, yr, kcStep);
                        break;
                    default:
                        Row<Vector128<float>, Vector128Ops>(xr, panel, width, yr, kcStep);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// y += x W^T for any number of rows, W^T in the panels <see cref="Pack"/> writes: each panel is a
    /// plain [k, width] B that <see cref="Sgemm"/> reads in place, so the weights are not transposed
    /// into micro-panels on every call as x W^T from W [n, k] needs. The same bits as that call
    /// (every path sums each element the same way whichever operand is transposed).
    /// </summary>
    // x: [rows, k], packed: [k * n] (panels), y: [rows, n]
    public static void MultiplyAddPanels(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> packed, int n, Span<float> y, int threads)
    {
        CheckShapes(x, rows, k, packed, n, y);

        for (var j = 0; j < n; j += PanelWidth)
        {
            var width = Math.Min(PanelWidth, n - j);
            Sgemm.Multiply(false, false, rows, width, k, 1f, x, k, packed.Slice(j * k, width * k), width, 1f, y[j..], n, threads);
        }
    }

    /// <summary>
    /// Whether <see cref="MultiplyAddPanels"/> is the faster way to this product. Measured on Zen 5 (one
    /// thread, against x W^T through <see cref="Sgemm"/>): 784 -> 128 1.9x at 5-8 rows, 1.3x at 32,
    /// 1.1x at 128 and 256; 128 -> 784 1.3x at 5-8 rows, 1.15x at 32, even at 128, 0.97x at 256, where
    /// its seven panels each reread x.
    /// </summary>
    public static bool PanelsWin(int rows, int n) => n <= PanelWidth || rows <= 128;

    private static void CheckShapes(ReadOnlySpan<float> x, int rows, int k, ReadOnlySpan<float> packed, int n, Span<float> y)
    {
        if (rows < 0 || k < 0 || n < 0 || x.Length < (long)rows * k || packed.Length < (long)k * n || y.Length < (long)rows * n)
        {
            throw new ArgumentException($"x ({x.Length}), W^T ({packed.Length}) or y ({y.Length}) smaller than {rows} rows of {k} by {n}.");
        }
    }

    // One row against one panel [k, n]: eight vectors of outputs at a time (eight independent chains of
    // multiply-adds, enough to keep two FMA units busy through a four-cycle latency), then single
    // vectors, then single outputs.
    private static unsafe void Row<TVec, TOps>(ReadOnlySpan<float> x, ReadOnlySpan<float> weightsT, int n, Span<float> y, int kcStep)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var w = TOps.Count;
        var k = x.Length;
        fixed (float* px = x, pw = weightsT, py = y)
        {
            for (var pc = 0; pc < k; pc += kcStep)
            {
                var kc = Math.Min(kcStep, k - pc);
                var j = 0;
                for (; j + (8 * w) <= n; j += 8 * w)
                {
                    TVec a0 = TOps.Create(0f), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                    var column = pw + ((nint)pc * n) + j;
                    for (var p = pc; p < pc + kc; p++, column += n)
                    {
                        var xv = TOps.Create(px[p]);
                        a0 = TOps.FusedMultiplyAdd(xv, TOps.Load(column), a0);
                        a1 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + w), a1);
                        a2 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + (2 * w)), a2);
                        a3 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + (3 * w)), a3);
                        a4 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + (4 * w)), a4);
                        a5 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + (5 * w)), a5);
                        a6 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + (6 * w)), a6);
                        a7 = TOps.FusedMultiplyAdd(xv, TOps.Load(column + (7 * w)), a7);
                    }

                    AddTo<TVec, TOps>(a0, py + j);
                    AddTo<TVec, TOps>(a1, py + j + w);
                    AddTo<TVec, TOps>(a2, py + j + (2 * w));
                    AddTo<TVec, TOps>(a3, py + j + (3 * w));
                    AddTo<TVec, TOps>(a4, py + j + (4 * w));
                    AddTo<TVec, TOps>(a5, py + j + (5 * w));
                    AddTo<TVec, TOps>(a6, py + j + (6 * w));
                    AddTo<TVec, TOps>(a7, py + j + (7 * w));
                }

                for (; j + w <= n; j += w)
                {
                    var a0 = TOps.Create(0f);
                    var column = pw + ((nint)pc * n) + j;
                    for (var p = pc; p < pc + kc; p++, column += n)
                    {
                        a0 = TOps.FusedMultiplyAdd(TOps.Create(px[p]), TOps.Load(column), a0);
                    }

                    AddTo<TVec, TOps>(a0, py + j);
                }

                for (; j < n; j++)
                {
                    var sum = 0f;
                    for (var p = pc; p < pc + kc; p++)
                    {
                        sum = MathF.FusedMultiplyAdd(px[p], pw[((nint)p * n) + j], sum);
                    }

                    py[j] += sum;
                }
            }
        }
    }

    // y += acc: the micro-kernels' fold alpha * acc + beta * y with alpha = beta = 1, one rounding.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void AddTo<TVec, TOps>(TVec acc, float* y)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
        => TOps.Store(TOps.Add(acc, TOps.Load(y)), y);

    /// <summary>
    /// W^T from W [n, k] in column panels: for each <see cref="PanelWidth"/> outputs (fewer in the
    /// last panel), a [k, width] block, one after the other. Each block is the transpose SGEMM
    /// packing does (<see cref="RowInterleave"/>, in registers where AVX allows).
    /// </summary>
    // weights: [n, k], packed: [k * n]
    public static unsafe void Pack(ReadOnlySpan<float> weights, int n, int k, Span<float> packed)
    {
        if (n < 0 || k < 0 || weights.Length < (long)n * k || packed.Length < (long)n * k)
        {
            throw new ArgumentException($"W ({weights.Length}) or W^T ({packed.Length}) smaller than {n} by {k}.");
        }

        fixed (float* source = weights, destination = packed)
        {
            for (var j = 0; j < n; j += PanelWidth)
            {
                var width = Math.Min(PanelWidth, n - j);
                RowInterleave.Pack(source + ((nint)j * k), k, width, k, width, destination + ((nint)j * k));
            }
        }
    }
}
