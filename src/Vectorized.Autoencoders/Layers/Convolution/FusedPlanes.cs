using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The planes of a direct convolution's fused neighbours (<see cref="Conv2DFusion"/>), moved between
/// a tensor in memory and the <see cref="PaddedPlanes"/> layout in a run's slot, where they are in
/// the cache: an up-sampling written straight into the padded input, its backward summed straight out
/// of the flat input gradient, a max-pooling taken from the flat outputs and its backward spread
/// into the flat dy. Each computes what the separate layer computes, in the same order, so the values
/// are the separate layers' to the bit.
/// </summary>
internal static unsafe class FusedPlanes
{
    /// <summary>
    /// A plane up-sampled by <paramref name="up"/> (nearest: each float <paramref name="up"/> x
    /// <paramref name="up"/> times) written into <paramref name="p"/>'s layout, as <see cref="PaddedPlanes.Pad"/>
    /// writes the up-sampled plane. For a factor of 2 the inputs are widened in registers, sixteen a
    /// step on AVX-512, eight on AVX2, four on SSE and NEON (<see cref="PairLanes"/>), and stored to
    /// both rows; otherwise each low row is widened once, then copied to the rows it covers.
    /// </summary>
    // plane: [p.InHeight / up, p.InWidth / up]; padded: [p.PlaneStride], zero outside the plane
    public static void PadUpsampled<TVec, TOps>(in PaddedPlanes p, float* plane, int up, float* padded)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        int height = p.InHeight / up, width = p.InWidth / up;
        var pairs = up == 2 && TOps.Count == Vector512<float>.Count && Avx512F.IsSupported;
        var pairs256 = up == 2 && TOps.Count == Vector256<float>.Count && Avx2.IsSupported;
        var pairs128 = up == 2 && TOps.Count <= Vector256<float>.Count && TOps.Count > 1 && PairLanes.V128Supported;
        for (var r = 0; r < height; r++)
        {
            float* source = plane + (r * width), target = padded + ((((r * up) + p.PadTop) * p.RowStride) + p.PadLeft);
            if (pairs)
            {
                // Sixteen inputs to 32 outputs, stored to both rows from the registers: a copy of the
                // first row read back what masked stores had just written, which the core cannot
                // forward (a stall per row). Masked at the row's end: nothing past the plane is touched.
                for (var ix = 0; ix < width; ix += 16)
                {
                    var n = Math.Min(16, width - ix);
                    // A plain load where the plane goes on for a whole vector (see PaddedPlanes.CopyRow).
                    var left = ((height - r) * width) - ix;
                    var inputs = left >= 16 ? Vector512.Load(source + ix) : Avx512F.MaskLoad(source + ix, Lanes(n), Vector512<float>.Zero);
                    Vector512<float> low = Avx512F.PermuteVar16x32(inputs, PairLanes.TwiceLowIndices), high = Avx512F.PermuteVar16x32(inputs, PairLanes.TwiceHighIndices);
                    Vector512<float> lowLanes = Lanes(2 * n), highLanes = Lanes((2 * n) - 16);
                    float* row0 = target + (2 * ix), row1 = row0 + p.RowStride;
                    Avx512F.MaskStore(row0, lowLanes, low);
                    Avx512F.MaskStore(row1, lowLanes, low);
                    Avx512F.MaskStore(row0 + 16, highLanes, high);
                    Avx512F.MaskStore(row1 + 16, highLanes, high);
                }

                continue;
            }

            if (pairs128)
            {
                // Eight (then four) inputs widened in registers and stored to both rows, whole groups
                // only (their floats are the row's); the rest one at a time.
                float* row1 = target + p.RowStride;
                var ix = 0;
                if (pairs256)
                {
                    for (; ix + 8 <= width; ix += 8)
                    {
                        var inputs = Vector256.Load(source + ix);
                        Vector256<float> low = PairLanes.TwiceLow(inputs), high = PairLanes.TwiceHigh(inputs);
                        low.Store(target + (2 * ix));
                        high.Store(target + (2 * ix) + 8);
                        low.Store(row1 + (2 * ix));
                        high.Store(row1 + (2 * ix) + 8);
                    }
                }

                for (; ix + 4 <= width; ix += 4)
                {
                    var inputs = Vector128.Load(source + ix);
                    Vector128<float> low = PairLanes.TwiceLow(inputs), high = PairLanes.TwiceHigh(inputs);
                    low.Store(target + (2 * ix));
                    high.Store(target + (2 * ix) + 4);
                    low.Store(row1 + (2 * ix));
                    high.Store(row1 + (2 * ix) + 4);
                }

                for (; ix < width; ix++)
                {
                    target[2 * ix] = target[(2 * ix) + 1] = row1[2 * ix] = row1[(2 * ix) + 1] = source[ix];
                }

                continue;
            }

            for (var ix = 0; ix < width; ix++)
            {
                for (var j = 0; j < up; j++)
                {
                    target[(ix * up) + j] = source[ix];
                }
            }

            for (var k = 1; k < up; k++)
            {
                PaddedPlanes.CopyRow<TVec, TOps>(target, target + (k * p.RowStride), p.InWidth);
            }
        }
    }

    /// <summary>
    /// The up-sampling's backward out of a flat input gradient in <paramref name="t"/>'s layout: each
    /// float of <paramref name="plane"/> gets its up x up block's sum, in row-major order
    /// (((a + b) + c) + d for 2x2, as <see cref="UpSampling2D.Backward(ReadOnlySpan{float}, int, int, int, int, int, Span{float}, bool)"/>),
    /// written when <paramref name="write"/>, else added. For 2x2 blocks sixteen, eight or four
    /// outputs a step by the even/odd picks of <see cref="PairLanes"/>, the same additions in the same order.
    /// </summary>
    // flat: [t.Flat] (rows t.RowStride apart, t.OutWidth valid); plane: [t.OutHeight / up, t.OutWidth / up]
    public static void GatherDownsampled(in PaddedPlanes t, float* flat, int up, float* plane, bool write, Isa isa)
    {
        int height = t.OutHeight / up, width = t.OutWidth / up;
        nint rowStride = t.RowStride;
        var pairs = up == 2 && isa >= Isa.Avx512 && Avx512F.IsSupported;
        var pairs256 = up == 2 && isa >= Isa.Avx2 && Avx2.IsSupported;
        var pairs128 = up == 2 && isa >= Isa.V128 && PairLanes.V128Supported;
        for (var r = 0; r < height; r++)
        {
            float* block = flat + (r * up * rowStride), target = plane + (r * width);
            var ix = 0;
            if (pairs)
            {
                // Sixteen outputs from 32 floats of each row, the even and odd lanes of two vectors picked by one permute each.
                for (; ix < width; ix += 16)
                {
                    var n = Math.Min(16, width - ix);
                    Vector512<float> lowLanes = Lanes(2 * n), highLanes = Lanes((2 * n) - 16);
                    float* upperRow = block + (2 * ix), lowerRow = upperRow + rowStride;
                    Vector512<float> upper0 = Avx512F.MaskLoad(upperRow, lowLanes, Vector512<float>.Zero), upper1 = Avx512F.MaskLoad(upperRow + 16, highLanes, Vector512<float>.Zero);
                    Vector512<float> lower0 = Avx512F.MaskLoad(lowerRow, lowLanes, Vector512<float>.Zero), lower1 = Avx512F.MaskLoad(lowerRow + 16, highLanes, Vector512<float>.Zero);
                    var s = Avx512F.PermuteVar16x32x2(upper0, PairLanes.EvenIndices, upper1) + Avx512F.PermuteVar16x32x2(upper0, PairLanes.OddIndices, upper1);
                    s += Avx512F.PermuteVar16x32x2(lower0, PairLanes.EvenIndices, lower1);
                    s += Avx512F.PermuteVar16x32x2(lower0, PairLanes.OddIndices, lower1);
                    if (!write)
                    {
                        s = Avx512F.MaskLoad(target + ix, Lanes(n), Vector512<float>.Zero) + s;
                    }

                    Avx512F.MaskStore(target + ix, Lanes(n), s);
                }

                continue;
            }

            // Eight (then four) outputs from 16 (8) floats of each row, whole groups only: their
            // floats are the row's, so plain loads and stores; the rest one at a time below.
            if (pairs256)
            {
                for (; ix + 8 <= width; ix += 8)
                {
                    float* upperRow = block + (2 * ix), lowerRow = upperRow + rowStride;
                    Vector256<float> upper0 = Vector256.Load(upperRow), upper1 = Vector256.Load(upperRow + 8);
                    Vector256<float> lower0 = Vector256.Load(lowerRow), lower1 = Vector256.Load(lowerRow + 8);
                    var s = PairLanes.Evens(upper0, upper1) + PairLanes.Odds(upper0, upper1);
                    s += PairLanes.Evens(lower0, lower1);
                    s += PairLanes.Odds(lower0, lower1);
                    (write ? s : Vector256.Load(target + ix) + s).Store(target + ix);
                }
            }

            if (pairs128)
            {
                for (; ix + 4 <= width; ix += 4)
                {
                    float* upperRow = block + (2 * ix), lowerRow = upperRow + rowStride;
                    Vector128<float> upper0 = Vector128.Load(upperRow), upper1 = Vector128.Load(upperRow + 4);
                    Vector128<float> lower0 = Vector128.Load(lowerRow), lower1 = Vector128.Load(lowerRow + 4);
                    var s = PairLanes.Evens(upper0, upper1) + PairLanes.Odds(upper0, upper1);
                    s += PairLanes.Evens(lower0, lower1);
                    s += PairLanes.Odds(lower0, lower1);
                    (write ? s : Vector128.Load(target + ix) + s).Store(target + ix);
                }
            }

            for (; ix < width; ix++)
            {
                var at = block + (ix * up);
                var s = at[0];
                for (var j = 1; j < up; j++)
                {
                    s += at[j];
                }

                for (var k = 1; k < up; k++)
                {
                    for (var j = 0; j < up; j++)
                    {
                        s += at[(k * rowStride) + j];
                    }
                }

                target[ix] = write ? s : target[ix] + s;
            }
        }
    }

    /// <summary>
    /// The max-pooling of a flat output plane through the fused ReLU (when <paramref name="relu"/>),
    /// by <see cref="MaxPool2D.Forward"/>'s rule: ties to the first in row-major order, a NaN wins.
    /// The argmax is a flat index (row RowStride + column), where the backward pass spreads to. The
    /// whole 2x2 stride-2 windows go sixteen at a time on AVX-512, eight on AVX2 and four on SSE or
    /// NEON (<see cref="FusedTwoByTwo"/>), on the scalar path through the ReLU in place and
    /// <see cref="MaxPool2DTwoByTwo"/>; the rest one at a time. A null <paramref name="argmax"/> keeps
    /// only the maxima (inference, where no backward pass reads it): half the stores, and no offsets.
    /// </summary>
    // flat: [flatLength] (rows rowStride apart, pool.InWidth valid); y, argmax: [pool.OutHeight, pool.OutWidth] (argmax may be null)
    public static void Pool<TVec, TOps>(float* flat, int flatLength, int rowStride, in MaxPool2DGeometry pool, bool relu, float* y, int* argmax, Isa isa)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        int fullRows = 0, fullColumns = 0;
        if (pool.Pool == 2 && pool.Stride == 2 && pool.PadTop == 0 && pool.PadLeft == 0)
        {
            (fullRows, fullColumns) = (Math.Min(pool.InHeight / 2, pool.OutHeight), Math.Min(pool.InWidth / 2, pool.OutWidth));
            if (isa >= Isa.Avx512 && Avx512F.IsSupported)
            {
                FusedTwoByTwo.Avx512(flat, flatLength, rowStride, fullRows, fullColumns, pool.OutWidth, pool.OutPlane, relu, y, argmax);
            }
            else if (isa >= Isa.Avx2 && Avx2.IsSupported)
            {
                FusedTwoByTwo.Avx2(flat, flatLength, rowStride, fullRows, fullColumns, pool.OutWidth, pool.OutPlane, relu, y, argmax);
            }
            else if (isa >= Isa.V128 && PairLanes.V128Supported)
            {
                FusedTwoByTwo.V128(flat, flatLength, rowStride, fullRows, fullColumns, pool.OutWidth, pool.OutPlane, relu, y, argmax);
            }
            else if (argmax != null)
            {
                if (relu)
                {
                    Relu<TVec, TOps>(flat, flatLength);
                }

                MaxPool2DTwoByTwo.Forward(new ReadOnlySpan<float>(flat, flatLength), rowStride, fullRows, fullColumns, pool.OutWidth, new Span<float>(y, pool.OutPlane), new Span<int>(argmax, pool.OutPlane), isa);
            }
            else
            {
                // The scalar path with no argmax to write: every window by the loop below.
                (fullRows, fullColumns) = (0, 0);
            }
        }

        for (var oy = 0; oy < pool.OutHeight; oy++)
        {
            for (var ox = oy < fullRows ? fullColumns : 0; ox < pool.OutWidth; ox++)
            {
                var (y0, y1) = MaxPool2D.Window(oy, pool.Stride, pool.Pool, pool.PadTop, pool.InHeight);
                var (x0, x1) = MaxPool2D.Window(ox, pool.Stride, pool.Pool, pool.PadLeft, pool.InWidth);
                var best = float.NegativeInfinity;
                var at = (y0 * rowStride) + x0;
                for (var iy = y0; iy < y1; iy++)
                {
                    for (var ix = x0; ix < x1; ix++)
                    {
                        var v = flat[(iy * rowStride) + ix];
                        // The ReLU's rule (v where v > 0, else +0); a no-op where the pass above ran.
                        v = relu && !(v > 0f) ? 0f : v;
                        if (v > best || float.IsNaN(v))
                        {
                            (best, at) = (v, (iy * rowStride) + ix);
                        }
                    }
                }

                y[(oy * pool.OutWidth) + ox] = best;
                if (argmax != null)
                {
                    argmax[(oy * pool.OutWidth) + ox] = at;
                }
            }
        }
    }

    /// <summary>
    /// The pooling's backward into a flat dy plane: the plane cleared, then each output's gradient
    /// added at its argmax (0 + g, as <see cref="MaxPool2D.Backward(ReadOnlySpan{float}, ReadOnlySpan{int}, in MaxPool2DGeometry, int, Span{float}, bool)"/>
    /// adds onto a zeroed gradient), through the fused ReLU's mask where there is one: the pooled
    /// output is the ReLU's output at the argmax, so it passes where that is above zero. (Writing
    /// whole rows from vectors, interleaved by window offset, measured slower than this scatter:
    /// 2.2-2.3 against 1.9 ms a step for the 28x28 layer on one thread.)
    /// </summary>
    // dy, pooled, argmax: [outPlane] (pooled may be null: no ReLU); flat: [flatLength]
    public static void SpreadPooled<TVec, TOps>(float* dy, float* pooled, int* argmax, int outPlane, float* flat, int flatLength)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var zero = TOps.Create(0f);
        for (var i = 0; i < flatLength; i += TOps.Count)
        {
            TOps.Store(zero, flat + i);
        }

        var j = 0;
        if (pooled != null)
        {
            // The mask by vectors, then the scatter a float at a time: a branch on each ReLU output
            // mispredicted on about every other one (the conv model's backward 0-1: 1.0 -> 0.83 ms a step).
            var passed = stackalloc float[TOps.Count];
            for (; j + TOps.Count <= outPlane; j += TOps.Count)
            {
                TOps.Store(TOps.BitwiseAnd(TOps.Load(dy + j), TOps.GreaterThan(TOps.Load(pooled + j), zero)), passed);
                for (var k = 0; k < TOps.Count; k++)
                {
                    flat[argmax[j + k]] += passed[k];
                }
            }
        }

        for (; j < outPlane; j++)
        {
            flat[argmax[j]] += pooled == null || pooled[j] > 0f ? dy[j] : 0f;
        }
    }

    /// <summary>The ReLU over a flat plane in place: v where v &gt; 0, else +0 (<see cref="Kernels.Operators.ReluOperator"/>'s rule).</summary>
    // flat: [length], length a multiple of TOps.Count
    public static void Relu<TVec, TOps>(float* flat, int length)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var zero = TOps.Create(0f);
        for (var i = 0; i < length; i += TOps.Count)
        {
            var v = TOps.Load(flat + i);
            TOps.Store(TOps.BitwiseAnd(v, TOps.GreaterThan(v, zero)), flat + i);
        }
    }

    /// <summary>sum += the floats of a flat plane, as two vector chains added at the end: the bias gradient's share of one plane.</summary>
    // flat: [length], length a multiple of 2 TOps.Count; sum: one vector
    public static void AddPlane<TVec, TOps>(float* flat, int length, float* sum)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        TVec s0 = TOps.Load(flat), s1 = TOps.Load(flat + v);
        for (var i = 2 * v; i < length; i += 2 * v)
        {
            s0 = TOps.Add(s0, TOps.Load(flat + i));
            s1 = TOps.Add(s1, TOps.Load(flat + i + v));
        }

        TOps.Store(TOps.Add(TOps.Load(sum), TOps.Add(s0, s1)), sum);
    }

    // The first n lanes of a 16-float vector, as a mask for AVX-512's masked loads and stores.
    private static Vector512<float> Lanes(int n) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle();
}
