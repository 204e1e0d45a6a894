using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The fused max-pooling's whole 2x2 stride-2 windows, read straight from a convolution's flat output
/// plane (rows rowStride apart) through the fused ReLU, by <see cref="MaxPool2D.Forward"/>'s rule:
/// the four inputs of each window in row-major order, the next one taken when above the best so far
/// or a NaN (a NaN wins; ties keep the first). A vector of windows at a time: the upper-left, upper-right,
/// lower-left and lower-right inputs of consecutive windows are the even and odd lanes of two vectors
/// of each input row, picked out by permutes; then three compare-and-selects for the maxima and their
/// offsets (0, 1, rowStride, rowStride + 1); in inference (no argmax) behind the fused ReLU, three
/// plain maxes (<see cref="IPoolActivation.PlainMaximum"/>). Straight from the plane to y and argmax, no copies:
/// <list type="bullet">
/// <item>Loads read whole vectors where the flat plane goes on that far (masked only near its end):
/// the floats past a row feed only windows past it, which are not kept. Masked loads measured 1.02x
/// slower (the denoiser's encoder at batch 1: 26.1-26.4 against 25.7 us).</item>
/// <item>Stores write the whole vector where the output plane goes on that far: what lands past the
/// row is rewritten later, by the next rows' windows (they go in order) or by the edge windows the
/// caller computes afterwards. Masked stores into the tensors made the conv model's first step 1.1x
/// slower (forward 0-1: 555 against 507 us).</item>
/// </list>
/// </summary>
internal static unsafe class FusedTwoByTwo
{
    /// <summary>The first <paramref name="rows"/> x <paramref name="columns"/> windows, sixteen per step.</summary>
    // flat: [flatLength] (rows rowStride apart); y, argmax: [outPlane] (rows outWidth apart)
    public static void Avx512(float* flat, int flatLength, int rowStride, int rows, int columns, int outWidth, int outPlane, bool relu, float* y, int* argmax)
    {
        if (relu)
        {
            Avx512<ReluFused>(flat, flatLength, rowStride, rows, columns, outWidth, outPlane, y, argmax);
        }
        else
        {
            Avx512<NoActivation>(flat, flatLength, rowStride, rows, columns, outWidth, outPlane, y, argmax);
        }
    }

    /// <summary>The first <paramref name="rows"/> x <paramref name="columns"/> windows, eight per step.</summary>
    // flat: [flatLength] (rows rowStride apart); y, argmax: [outPlane] (rows outWidth apart)
    public static void Avx2(float* flat, int flatLength, int rowStride, int rows, int columns, int outWidth, int outPlane, bool relu, float* y, int* argmax)
    {
        if (relu)
        {
            Avx2<ReluFused>(flat, flatLength, rowStride, rows, columns, outWidth, outPlane, y, argmax);
        }
        else
        {
            Avx2<NoActivation>(flat, flatLength, rowStride, rows, columns, outWidth, outPlane, y, argmax);
        }
    }

    /// <summary>The first <paramref name="rows"/> x <paramref name="columns"/> windows, four per step.</summary>
    // flat: [flatLength] (rows rowStride apart); y, argmax: [outPlane] (rows outWidth apart)
    public static void V128(float* flat, int flatLength, int rowStride, int rows, int columns, int outWidth, int outPlane, bool relu, float* y, int* argmax)
    {
        if (relu)
        {
            V128<ReluFused>(flat, flatLength, rowStride, rows, columns, outWidth, outPlane, y, argmax);
        }
        else
        {
            V128<NoActivation>(flat, flatLength, rowStride, rows, columns, outWidth, outPlane, y, argmax);
        }
    }

    // TActivation is a type argument so that each form is its own compiled loop, without a test of
    // the activation inside it.
    private static void Avx512<TActivation>(float* flat, int flatLength, int rowStride, int rows, int columns, int outWidth, int outPlane, float* y, int* argmax)
        where TActivation : struct, IPoolActivation
    {
        var end = flat + flatLength;
        Vector512<int> evens = PairLanes.EvenIndices, odds = PairLanes.OddIndices;
        var below = Vector512.Create(rowStride);
        var belowRight = Vector512.Create(rowStride + 1);
        for (var oy = 0; oy < rows; oy++)
        {
            var top = 2 * oy * rowStride;
            float* upper = flat + top, lower = upper + rowStride;
            for (var ox = 0; ox < columns; ox += 16)
            {
                var n = Math.Min(16, columns - ox);
                Vector512<float> upper0, upper1, lower0, lower1;
                if (end - (lower + (2 * ox)) >= 32)
                {
                    upper0 = Vector512.Load(upper + (2 * ox));
                    upper1 = Vector512.Load(upper + (2 * ox) + 16);
                    lower0 = Vector512.Load(lower + (2 * ox));
                    lower1 = Vector512.Load(lower + (2 * ox) + 16);
                }
                else
                {
                    Vector512<float> lowLanes = Lanes512(2 * n), highLanes = Lanes512((2 * n) - 16);
                    upper0 = Avx512F.MaskLoad(upper + (2 * ox), lowLanes, Vector512<float>.Zero);
                    upper1 = Avx512F.MaskLoad(upper + (2 * ox) + 16, highLanes, Vector512<float>.Zero);
                    lower0 = Avx512F.MaskLoad(lower + (2 * ox), lowLanes, Vector512<float>.Zero);
                    lower1 = Avx512F.MaskLoad(lower + (2 * ox) + 16, highLanes, Vector512<float>.Zero);
                }

                var upperLeft = TActivation.Apply(Avx512F.PermuteVar16x32x2(upper0, evens, upper1));
                var upperRight = TActivation.Apply(Avx512F.PermuteVar16x32x2(upper0, odds, upper1));
                var lowerLeft = TActivation.Apply(Avx512F.PermuteVar16x32x2(lower0, evens, lower1));
                var lowerRight = TActivation.Apply(Avx512F.PermuteVar16x32x2(lower0, odds, lower1));
                Vector512<float> max, right = default, down = default, downRight = default;
                if (TActivation.PlainMaximum && argmax == null)
                {
                    max = Avx512F.Max(Avx512F.Max(upperLeft, upperRight), Avx512F.Max(lowerLeft, lowerRight));
                }
                else
                {
                    right = TActivation.Takes(upperRight, upperLeft);
                    max = Vector512.ConditionalSelect(right, upperRight, upperLeft);
                    down = TActivation.Takes(lowerLeft, max);
                    max = Vector512.ConditionalSelect(down, lowerLeft, max);
                    downRight = TActivation.Takes(lowerRight, max);
                    max = Vector512.ConditionalSelect(downRight, lowerRight, max);
                }

                var output = (oy * outWidth) + ox;
                var whole = outPlane - output >= 16;
                if (whole)
                {
                    max.Store(y + output);
                }
                else
                {
                    Avx512F.MaskStore(y + output, Lanes512(n), max);
                }

                if (argmax == null)
                {
                    continue;
                }

                // The winner's offset: the last input that took the window, as the chain went.
                var offset = Vector512.ConditionalSelect(right.AsInt32(), Vector512<int>.One, Vector512<int>.Zero);
                offset = Vector512.ConditionalSelect(down.AsInt32(), below, offset);
                offset = Vector512.ConditionalSelect(downRight.AsInt32(), belowRight, offset);
                // Window j's first input is 2 (ox + j) along the upper row.
                var at = Vector512.Create(top + (2 * ox)) + (Vector512<int>.Indices * 2) + offset;
                if (whole)
                {
                    at.Store(argmax + output);
                }
                else
                {
                    Avx512F.MaskStore(argmax + output, Lanes512(n).AsInt32(), at);
                }
            }
        }
    }

    // As Avx512 with eight lanes. AVX2 has no two-source permute: a shuffle picks the even (or odd)
    // lanes of two vectors within each 128-bit half, and a permute of 64-bit pairs puts them in order.
    // Against the ReLU in place and MaxPool2DTwoByTwo (VECAE_ISA=avx2, bench train --phases, one
    // thread): conv forward 0-1 1474-2230 -> 521-554 us; conv-denoising forward 0-1 2681-2816 ->
    // 1131-1135 us, its epoch 23.6-23.8 -> 22.6-22.7 s.
    private static void Avx2<TActivation>(float* flat, int flatLength, int rowStride, int rows, int columns, int outWidth, int outPlane, float* y, int* argmax)
        where TActivation : struct, IPoolActivation
    {
        var end = flat + flatLength;
        var one = Vector256<int>.One.AsSingle();
        var below = Vector256.Create(rowStride).AsSingle();
        var belowRight = Vector256.Create(rowStride + 1).AsSingle();
        for (var oy = 0; oy < rows; oy++)
        {
            var top = 2 * oy * rowStride;
            float* upper = flat + top, lower = upper + rowStride;
            for (var ox = 0; ox < columns; ox += 8)
            {
                var n = Math.Min(8, columns - ox);
                Vector256<float> upper0, upper1, lower0, lower1;
                if (end - (lower + (2 * ox)) >= 16)
                {
                    upper0 = Vector256.Load(upper + (2 * ox));
                    upper1 = Vector256.Load(upper + (2 * ox) + 8);
                    lower0 = Vector256.Load(lower + (2 * ox));
                    lower1 = Vector256.Load(lower + (2 * ox) + 8);
                }
                else
                {
                    Vector256<float> lowLanes = Lanes256(2 * n), highLanes = Lanes256((2 * n) - 8);
                    upper0 = Avx.MaskLoad(upper + (2 * ox), lowLanes);
                    upper1 = Avx.MaskLoad(upper + (2 * ox) + 8, highLanes);
                    lower0 = Avx.MaskLoad(lower + (2 * ox), lowLanes);
                    lower1 = Avx.MaskLoad(lower + (2 * ox) + 8, highLanes);
                }

                var upperLeft = TActivation.Apply(PairLanes.Evens(upper0, upper1));
                var upperRight = TActivation.Apply(PairLanes.Odds(upper0, upper1));
                var lowerLeft = TActivation.Apply(PairLanes.Evens(lower0, lower1));
                var lowerRight = TActivation.Apply(PairLanes.Odds(lower0, lower1));
                Vector256<float> max, right = default, down = default, downRight = default;
                if (TActivation.PlainMaximum && argmax == null)
                {
                    max = Avx.Max(Avx.Max(upperLeft, upperRight), Avx.Max(lowerLeft, lowerRight));
                }
                else
                {
                    right = TActivation.Takes(upperRight, upperLeft);
                    max = Avx.BlendVariable(upperLeft, upperRight, right);
                    down = TActivation.Takes(lowerLeft, max);
                    max = Avx.BlendVariable(max, lowerLeft, down);
                    downRight = TActivation.Takes(lowerRight, max);
                    max = Avx.BlendVariable(max, lowerRight, downRight);
                }

                var output = (oy * outWidth) + ox;
                var whole = outPlane - output >= 8;
                if (whole)
                {
                    max.Store(y + output);
                }
                else
                {
                    Avx.MaskStore(y + output, Lanes256(n), max);
                }

                if (argmax == null)
                {
                    continue;
                }

                var offset = Avx.BlendVariable(Vector256<float>.Zero, one, right);
                offset = Avx.BlendVariable(offset, below, down);
                offset = Avx.BlendVariable(offset, belowRight, downRight);
                var at = Vector256.Create(top + (2 * ox)) + (Vector256<int>.Indices * 2) + offset.AsInt32();
                if (whole)
                {
                    at.Store(argmax + output);
                }
                else
                {
                    System.Runtime.Intrinsics.X86.Avx2.MaskStore(argmax + output, Lanes256(n).AsInt32(), at);
                }
            }
        }
    }

    // As Avx2 with four lanes, on SSE and NEON alike. Vector128 has no masked loads and stores: near
    // the plane's end the rows' last windows are copied to the stack, and a short last store of a
    // row goes through the stack too. Against the ReLU in place and MaxPool2DTwoByTwo (VECAE_ISA=v128,
    // bench train --phases, one thread): conv forward 0-1 1952-2026 -> 1035-1053 us, epoch 10.0 -> 9.3 s.
    private static void V128<TActivation>(float* flat, int flatLength, int rowStride, int rows, int columns, int outWidth, int outPlane, float* y, int* argmax)
        where TActivation : struct, IPoolActivation
    {
        var end = flat + flatLength;
        var below = Vector128.Create(rowStride);
        var belowRight = Vector128.Create(rowStride + 1);
        var upperTail = stackalloc float[8];
        var lowerTail = stackalloc float[8];
        var maxTail = stackalloc float[4];
        var atTail = stackalloc int[4];
        for (var oy = 0; oy < rows; oy++)
        {
            var top = 2 * oy * rowStride;
            float* upper = flat + top, lower = upper + rowStride;
            for (var ox = 0; ox < columns; ox += 4)
            {
                var n = Math.Min(4, columns - ox);
                float* upperAt = upper + (2 * ox), lowerAt = lower + (2 * ox);
                if (end - lowerAt < 8)
                {
                    // The windows' 2n floats of each row are in the plane; the rest of the copy is
                    // zeros, feeding only lanes that are dropped.
                    for (var i = 0; i < 8; i++)
                    {
                        upperTail[i] = i < 2 * n ? upperAt[i] : 0f;
                        lowerTail[i] = i < 2 * n ? lowerAt[i] : 0f;
                    }

                    upperAt = upperTail;
                    lowerAt = lowerTail;
                }

                Vector128<float> upper0 = Vector128.Load(upperAt), upper1 = Vector128.Load(upperAt + 4);
                Vector128<float> lower0 = Vector128.Load(lowerAt), lower1 = Vector128.Load(lowerAt + 4);
                var upperLeft = TActivation.Apply(PairLanes.Evens(upper0, upper1));
                var upperRight = TActivation.Apply(PairLanes.Odds(upper0, upper1));
                var lowerLeft = TActivation.Apply(PairLanes.Evens(lower0, lower1));
                var lowerRight = TActivation.Apply(PairLanes.Odds(lower0, lower1));
                Vector128<float> max, right = default, down = default, downRight = default;
                if (TActivation.PlainMaximum && argmax == null)
                {
                    max = Max128(Max128(upperLeft, upperRight), Max128(lowerLeft, lowerRight));
                }
                else
                {
                    right = TActivation.Takes(upperRight, upperLeft);
                    max = Vector128.ConditionalSelect(right, upperRight, upperLeft);
                    down = TActivation.Takes(lowerLeft, max);
                    max = Vector128.ConditionalSelect(down, lowerLeft, max);
                    downRight = TActivation.Takes(lowerRight, max);
                    max = Vector128.ConditionalSelect(downRight, lowerRight, max);
                }

                var output = (oy * outWidth) + ox;
                var whole = outPlane - output >= 4;
                if (whole)
                {
                    max.Store(y + output);
                }
                else
                {
                    max.Store(maxTail);
                    for (var j = 0; j < n; j++)
                    {
                        y[output + j] = maxTail[j];
                    }
                }

                if (argmax == null)
                {
                    continue;
                }

                var offset = Vector128.ConditionalSelect(right.AsInt32(), Vector128<int>.One, Vector128<int>.Zero);
                offset = Vector128.ConditionalSelect(down.AsInt32(), below, offset);
                offset = Vector128.ConditionalSelect(downRight.AsInt32(), belowRight, offset);
                var at = Vector128.Create(top + (2 * ox)) + (Vector128<int>.Indices * 2) + offset;
                if (whole)
                {
                    at.Store(argmax + output);
                }
                else
                {
                    at.Store(atTail);
                    for (var j = 0; j < n; j++)
                    {
                        argmax[output + j] = atTail[j];
                    }
                }
            }
        }
    }

    // The hardware's max, SSE's or NEON's: exact where no input is a NaN or -0 (PlainMaximum).
    private static Vector128<float> Max128(Vector128<float> a, Vector128<float> b) => Sse.IsSupported ? Sse.Max(a, b) : AdvSimd.Max(a, b);

    private static Vector512<float> Lanes512(int n) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle();

    private static Vector256<float> Lanes256(int n) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(n)).AsSingle();

    /// <summary>What the pooling applies to each input before the rule, and the rule's test.</summary>
    private interface IPoolActivation
    {
        /// <summary>
        /// Whether <c>Apply</c>'s outputs hold no NaN and no -0, so that a window's maximum by the rule
        /// is the hardware's max of its four in any order. Inference, which keeps no argmax, then
        /// needs three maxes instead of the rule's chain of compares and selects.
        /// </summary>
        static abstract bool PlainMaximum { get; }

        static abstract Vector512<float> Apply(Vector512<float> v);

        static abstract Vector256<float> Apply(Vector256<float> v);

        static abstract Vector128<float> Apply(Vector128<float> v);

        /// <summary>Whether <paramref name="next"/> replaces <paramref name="max"/>: above it, or a NaN (a NaN wins).</summary>
        static abstract Vector512<float> Takes(Vector512<float> next, Vector512<float> max);

        static abstract Vector256<float> Takes(Vector256<float> next, Vector256<float> max);

        static abstract Vector128<float> Takes(Vector128<float> next, Vector128<float> max);
    }

    /// <summary>
    /// The fused ReLU: v where v > 0, else +0, which is vmaxps(v, +0) exactly (it returns its second
    /// operand for a NaN and for two zeros). Its outputs hold no NaN, so "above" is the whole rule:
    /// one compare instead of two and an OR on each step of the chain. Against the ReLU as a compare
    /// and an AND with the NaN test kept, on AVX-512: the denoiser's encoder at batch 1 28.3-28.5
    /// against 26.1-26.4 us; with the plain loads too, the conv model's forward 0-1 on one thread
    /// 465-480 against 341-377 us a step.
    /// </summary>
    private readonly struct ReluFused : IPoolActivation
    {
        // Every output is +0 or above: a NaN and -0 come out as +0.
        public static bool PlainMaximum => true;

        public static Vector512<float> Apply(Vector512<float> v) => Avx512F.Max(v, Vector512<float>.Zero);

        public static Vector256<float> Apply(Vector256<float> v) => Avx.Max(v, Vector256<float>.Zero);

        // NEON's FMAX returns a NaN for a NaN (and FMAXNM a NaN for a signalling one): there the rule
        // is the compare and an AND.
        public static Vector128<float> Apply(Vector128<float> v) =>
            Sse.IsSupported ? Sse.Max(v, Vector128<float>.Zero) : Vector128.GreaterThan(v, Vector128<float>.Zero) & v;

        public static Vector512<float> Takes(Vector512<float> next, Vector512<float> max) => Vector512.GreaterThan(next, max);

        public static Vector256<float> Takes(Vector256<float> next, Vector256<float> max) => Vector256.GreaterThan(next, max);

        public static Vector128<float> Takes(Vector128<float> next, Vector128<float> max) => Vector128.GreaterThan(next, max);
    }

    private readonly struct NoActivation : IPoolActivation
    {
        public static bool PlainMaximum => false;

        public static Vector512<float> Apply(Vector512<float> v) => v;

        public static Vector256<float> Apply(Vector256<float> v) => v;

        public static Vector128<float> Apply(Vector128<float> v) => v;

        public static Vector512<float> Takes(Vector512<float> next, Vector512<float> max) => Vector512.GreaterThan(next, max) | ~Vector512.Equals(next, next);

        public static Vector256<float> Takes(Vector256<float> next, Vector256<float> max) => Vector256.GreaterThan(next, max) | ~Vector256.Equals(next, next);

        public static Vector128<float> Takes(Vector128<float> next, Vector128<float> max) => Vector128.GreaterThan(next, max) | ~Vector128.Equals(next, next);
    }
}
