using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The register blocks of the direct stride-1 convolution (<see cref="DirectConv2D"/>), written once
/// over the vector width, on planes in the <see cref="PaddedPlanes"/> layout. A tap is one shifted
/// load of a padded plane, so a block is a small outer product per tap: output channels times
/// vectors of output pixels (the forward pass), or output channels times taps (the weight gradient,
/// a dot product of dy with each shifted input, kept in vector accumulators).
/// </summary>
internal static unsafe class DirectConv2DKernels
{
    /// <summary>
    /// Four output channels, two vectors of outputs per step: eight accumulators, the shifted loads
    /// of two vectors shared by four weights, within the 16 registers of AVX2.
    /// </summary>
    // x: [channels][p.PlaneStride] padded planes; w: 4 rows, wStride apart, of [channels, kh, kw];
    // bias: [4] or null (start from zero); y: 4 rows of [p.Flat], p.Flat apart
    public static void Forward4<TVec, TOps>(float* x, int channels, in PaddedPlanes p, float* w, int wStride, float* bias, float* y)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        int v = TOps.Count, flat = p.Flat, kh = p.KernelHeight, kw = p.KernelWidth, rowStride = p.RowStride, planeStride = p.PlaneStride;
        var b0 = TOps.Create(bias == null ? 0f : bias[0]);
        var b1 = TOps.Create(bias == null ? 0f : bias[1]);
        var b2 = TOps.Create(bias == null ? 0f : bias[2]);
        var b3 = TOps.Create(bias == null ? 0f : bias[3]);
        for (var f = 0; f < flat; f += 2 * v)
        {
            TVec a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
            var wk = w;
            for (var c = 0; c < channels; c++)
            {
                var plane = x + ((nint)c * planeStride) + f;
                for (var ky = 0; ky < kh; ky++)
                {
                    var row = plane + (ky * rowStride);
                    for (var kx = 0; kx < kw; kx++, wk++)
                    {
                        var x0 = TOps.Load(row + kx);
                        var x1 = TOps.Load(row + kx + v);
                        var w0 = TOps.Create(wk[0]);
                        a00 = TOps.FusedMultiplyAdd(w0, x0, a00);
                        a01 = TOps.FusedMultiplyAdd(w0, x1, a01);
                        var w1 = TOps.Create(wk[wStride]);
                        a10 = TOps.FusedMultiplyAdd(w1, x0, a10);
                        a11 = TOps.FusedMultiplyAdd(w1, x1, a11);
                        var w2 = TOps.Create(wk[2 * wStride]);
                        a20 = TOps.FusedMultiplyAdd(w2, x0, a20);
                        a21 = TOps.FusedMultiplyAdd(w2, x1, a21);
                        var w3 = TOps.Create(wk[3 * wStride]);
                        a30 = TOps.FusedMultiplyAdd(w3, x0, a30);
                        a31 = TOps.FusedMultiplyAdd(w3, x1, a31);
                    }
                }
            }

            TOps.Store(a00, y + f);
            TOps.Store(a01, y + f + v);
            TOps.Store(a10, y + flat + f);
            TOps.Store(a11, y + flat + f + v);
            TOps.Store(a20, y + (2 * flat) + f);
            TOps.Store(a21, y + (2 * flat) + f + v);
            TOps.Store(a30, y + (3 * flat) + f);
            TOps.Store(a31, y + (3 * flat) + f + v);
        }
    }

    /// <summary>
    /// Eight output channels, two vectors of outputs per step: sixteen accumulators, for the 32
    /// registers of AVX-512 (AVX2's 16 would spill). Each output sums its taps in the order of
    /// <see cref="Forward4"/>, so the two blocks give the same bits; this one loads a tap's two
    /// vectors once for eight weights instead of four.
    /// </summary>
    // x: [channels][p.PlaneStride] padded planes; w: 8 rows, wStride apart, of [channels, kh, kw];
    // bias: [8] or null (start from zero); y: 8 rows of [p.Flat], p.Flat apart
    public static void Forward8<TVec, TOps>(float* x, int channels, in PaddedPlanes p, float* w, int wStride, float* bias, float* y)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        int v = TOps.Count, flat = p.Flat, kh = p.KernelHeight, kw = p.KernelWidth, rowStride = p.RowStride, planeStride = p.PlaneStride;
        var b0 = TOps.Create(bias == null ? 0f : bias[0]);
        var b1 = TOps.Create(bias == null ? 0f : bias[1]);
        var b2 = TOps.Create(bias == null ? 0f : bias[2]);
        var b3 = TOps.Create(bias == null ? 0f : bias[3]);
        var b4 = TOps.Create(bias == null ? 0f : bias[4]);
        var b5 = TOps.Create(bias == null ? 0f : bias[5]);
        var b6 = TOps.Create(bias == null ? 0f : bias[6]);
        var b7 = TOps.Create(bias == null ? 0f : bias[7]);
        for (var f = 0; f < flat; f += 2 * v)
        {
            TVec a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
            TVec a40 = b4, a41 = b4, a50 = b5, a51 = b5, a60 = b6, a61 = b6, a70 = b7, a71 = b7;
            var wk = w;
            for (var c = 0; c < channels; c++)
            {
                var plane = x + ((nint)c * planeStride) + f;
                for (var ky = 0; ky < kh; ky++)
                {
                    var row = plane + (ky * rowStride);
                    for (var kx = 0; kx < kw; kx++, wk++)
                    {
                        var x0 = TOps.Load(row + kx);
                        var x1 = TOps.Load(row + kx + v);
                        var wv = TOps.Create(wk[0]);
                        a00 = TOps.FusedMultiplyAdd(wv, x0, a00);
                        a01 = TOps.FusedMultiplyAdd(wv, x1, a01);
                        wv = TOps.Create(wk[wStride]);
                        a10 = TOps.FusedMultiplyAdd(wv, x0, a10);
                        a11 = TOps.FusedMultiplyAdd(wv, x1, a11);
                        wv = TOps.Create(wk[2 * wStride]);
                        a20 = TOps.FusedMultiplyAdd(wv, x0, a20);
                        a21 = TOps.FusedMultiplyAdd(wv, x1, a21);
                        wv = TOps.Create(wk[3 * wStride]);
                        a30 = TOps.FusedMultiplyAdd(wv, x0, a30);
                        a31 = TOps.FusedMultiplyAdd(wv, x1, a31);
                        wv = TOps.Create(wk[4 * wStride]);
                        a40 = TOps.FusedMultiplyAdd(wv, x0, a40);
                        a41 = TOps.FusedMultiplyAdd(wv, x1, a41);
                        wv = TOps.Create(wk[5 * wStride]);
                        a50 = TOps.FusedMultiplyAdd(wv, x0, a50);
                        a51 = TOps.FusedMultiplyAdd(wv, x1, a51);
                        wv = TOps.Create(wk[6 * wStride]);
                        a60 = TOps.FusedMultiplyAdd(wv, x0, a60);
                        a61 = TOps.FusedMultiplyAdd(wv, x1, a61);
                        wv = TOps.Create(wk[7 * wStride]);
                        a70 = TOps.FusedMultiplyAdd(wv, x0, a70);
                        a71 = TOps.FusedMultiplyAdd(wv, x1, a71);
                    }
                }
            }

            TOps.Store(a00, y + f);
            TOps.Store(a01, y + f + v);
            TOps.Store(a10, y + flat + f);
            TOps.Store(a11, y + flat + f + v);
            TOps.Store(a20, y + (2 * flat) + f);
            TOps.Store(a21, y + (2 * flat) + f + v);
            TOps.Store(a30, y + (3 * flat) + f);
            TOps.Store(a31, y + (3 * flat) + f + v);
            TOps.Store(a40, y + (4 * flat) + f);
            TOps.Store(a41, y + (4 * flat) + f + v);
            TOps.Store(a50, y + (5 * flat) + f);
            TOps.Store(a51, y + (5 * flat) + f + v);
            TOps.Store(a60, y + (6 * flat) + f);
            TOps.Store(a61, y + (6 * flat) + f + v);
            TOps.Store(a70, y + (7 * flat) + f);
            TOps.Store(a71, y + (7 * flat) + f + v);
        }
    }

    /// <summary>
    /// One output channel: the one-channel output of a decoder (and the channels Forward4 leaves).
    /// Four vectors per step, four independent FMA chains; a last step of two where the flat length
    /// (a multiple of two vectors) leaves one.
    /// </summary>
    // x: [channels][p.PlaneStride] padded planes; w: [channels, kh, kw]; bias: [1] or null; y: [p.Flat]
    public static void Forward1<TVec, TOps>(float* x, int channels, in PaddedPlanes p, float* w, float* bias, float* y)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        int v = TOps.Count, flat = p.Flat, kh = p.KernelHeight, kw = p.KernelWidth, rowStride = p.RowStride, planeStride = p.PlaneStride;
        var b = TOps.Create(bias == null ? 0f : bias[0]);
        var f = 0;
        for (; f + (4 * v) <= flat; f += 4 * v)
        {
            TVec a0 = b, a1 = b, a2 = b, a3 = b;
            var wk = w;
            for (var c = 0; c < channels; c++)
            {
                var plane = x + ((nint)c * planeStride) + f;
                for (var ky = 0; ky < kh; ky++)
                {
                    var row = plane + (ky * rowStride);
                    for (var kx = 0; kx < kw; kx++, wk++)
                    {
                        var wv = TOps.Create(*wk);
                        a0 = TOps.FusedMultiplyAdd(wv, TOps.Load(row + kx), a0);
                        a1 = TOps.FusedMultiplyAdd(wv, TOps.Load(row + kx + v), a1);
                        a2 = TOps.FusedMultiplyAdd(wv, TOps.Load(row + kx + (2 * v)), a2);
                        a3 = TOps.FusedMultiplyAdd(wv, TOps.Load(row + kx + (3 * v)), a3);
                    }
                }
            }

            TOps.Store(a0, y + f);
            TOps.Store(a1, y + f + v);
            TOps.Store(a2, y + f + (2 * v));
            TOps.Store(a3, y + f + (3 * v));
        }

        for (; f < flat; f += 2 * v)
        {
            TVec a0 = b, a1 = b;
            var wk = w;
            for (var c = 0; c < channels; c++)
            {
                var plane = x + ((nint)c * planeStride) + f;
                for (var ky = 0; ky < kh; ky++)
                {
                    var row = plane + (ky * rowStride);
                    for (var kx = 0; kx < kw; kx++, wk++)
                    {
                        var wv = TOps.Create(*wk);
                        a0 = TOps.FusedMultiplyAdd(wv, TOps.Load(row + kx), a0);
                        a1 = TOps.FusedMultiplyAdd(wv, TOps.Load(row + kx + v), a1);
                    }
                }
            }

            TOps.Store(a0, y + f);
            TOps.Store(a1, y + f + v);
        }
    }

    /// <summary>
    /// acc[j, t] += sum over f of dy[j][f] x[f + offset t], for four output channels j and up to three
    /// taps t of one input plane: twelve accumulators fed by four dy loads and three shifted loads.
    /// Taps past <paramref name="taps"/> repeat tap 0's load and are neither read nor stored.
    /// </summary>
    // dy: 4 rows of [flat], flat apart (the flat output layout, zero junk); x: one padded plane;
    // acc: vector accumulators of AccumulatorStride floats, tap t of channel j at acc + (j accRowStride + t) AccumulatorStride
    public static void Gradient4<TVec, TOps>(float* dy, int flat, float* x, int offset0, int offset1, int offset2, int taps, float* acc, int accRowStride)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        const int s = DirectConv2D.AccumulatorStride;
        offset1 = taps > 1 ? offset1 : offset0;
        offset2 = taps > 2 ? offset2 : offset0;
        float* r0 = acc, r1 = acc + (accRowStride * s), r2 = acc + (2 * accRowStride * s), r3 = acc + (3 * accRowStride * s);
        TVec a00 = TOps.Load(r0), a10 = TOps.Load(r1), a20 = TOps.Load(r2), a30 = TOps.Load(r3);
        TVec a01 = taps > 1 ? TOps.Load(r0 + s) : default, a11 = taps > 1 ? TOps.Load(r1 + s) : default;
        TVec a21 = taps > 1 ? TOps.Load(r2 + s) : default, a31 = taps > 1 ? TOps.Load(r3 + s) : default;
        TVec a02 = taps > 2 ? TOps.Load(r0 + (2 * s)) : default, a12 = taps > 2 ? TOps.Load(r1 + (2 * s)) : default;
        TVec a22 = taps > 2 ? TOps.Load(r2 + (2 * s)) : default, a32 = taps > 2 ? TOps.Load(r3 + (2 * s)) : default;
        for (var f = 0; f < flat; f += v)
        {
            var x0 = TOps.Load(x + offset0 + f);
            var x1 = TOps.Load(x + offset1 + f);
            var x2 = TOps.Load(x + offset2 + f);
            var d = TOps.Load(dy + f);
            a00 = TOps.FusedMultiplyAdd(d, x0, a00);
            a01 = TOps.FusedMultiplyAdd(d, x1, a01);
            a02 = TOps.FusedMultiplyAdd(d, x2, a02);
            d = TOps.Load(dy + flat + f);
            a10 = TOps.FusedMultiplyAdd(d, x0, a10);
            a11 = TOps.FusedMultiplyAdd(d, x1, a11);
            a12 = TOps.FusedMultiplyAdd(d, x2, a12);
            d = TOps.Load(dy + (2 * flat) + f);
            a20 = TOps.FusedMultiplyAdd(d, x0, a20);
            a21 = TOps.FusedMultiplyAdd(d, x1, a21);
            a22 = TOps.FusedMultiplyAdd(d, x2, a22);
            d = TOps.Load(dy + (3 * flat) + f);
            a30 = TOps.FusedMultiplyAdd(d, x0, a30);
            a31 = TOps.FusedMultiplyAdd(d, x1, a31);
            a32 = TOps.FusedMultiplyAdd(d, x2, a32);
        }

        TOps.Store(a00, r0);
        TOps.Store(a10, r1);
        TOps.Store(a20, r2);
        TOps.Store(a30, r3);
        if (taps > 1)
        {
            TOps.Store(a01, r0 + s);
            TOps.Store(a11, r1 + s);
            TOps.Store(a21, r2 + s);
            TOps.Store(a31, r3 + s);
        }

        if (taps > 2)
        {
            TOps.Store(a02, r0 + (2 * s));
            TOps.Store(a12, r1 + (2 * s));
            TOps.Store(a22, r2 + (2 * s));
            TOps.Store(a32, r3 + (2 * s));
        }
    }

    /// <summary>
    /// As <see cref="Gradient4"/> for eight output channels: twenty-four accumulators, for the 32
    /// registers of AVX-512, so each shifted input load feeds eight channels instead of four. Every
    /// accumulator adds the same products in the same order as in Gradient4: the same bits.
    /// </summary>
    // dy: 8 rows of [flat], flat apart; x: one padded plane; acc: as Gradient4's, eight rows
    public static void Gradient8<TVec, TOps>(float* dy, int flat, float* x, int offset0, int offset1, int offset2, int taps, float* acc, int accRowStride)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        const int s = DirectConv2D.AccumulatorStride;
        offset1 = taps > 1 ? offset1 : offset0;
        offset2 = taps > 2 ? offset2 : offset0;
        var r = (nint)accRowStride * s;
        float* r0 = acc, r1 = acc + r, r2 = acc + (2 * r), r3 = acc + (3 * r), r4 = acc + (4 * r), r5 = acc + (5 * r), r6 = acc + (6 * r), r7 = acc + (7 * r);
        // Taps past `taps` accumulate tap 0's products into registers that are never stored.
        nint s1 = taps > 1 ? s : 0, s2 = taps > 2 ? 2 * s : 0;
        TVec a00 = TOps.Load(r0), a01 = TOps.Load(r0 + s1), a02 = TOps.Load(r0 + s2);
        TVec a10 = TOps.Load(r1), a11 = TOps.Load(r1 + s1), a12 = TOps.Load(r1 + s2);
        TVec a20 = TOps.Load(r2), a21 = TOps.Load(r2 + s1), a22 = TOps.Load(r2 + s2);
        TVec a30 = TOps.Load(r3), a31 = TOps.Load(r3 + s1), a32 = TOps.Load(r3 + s2);
        TVec a40 = TOps.Load(r4), a41 = TOps.Load(r4 + s1), a42 = TOps.Load(r4 + s2);
        TVec a50 = TOps.Load(r5), a51 = TOps.Load(r5 + s1), a52 = TOps.Load(r5 + s2);
        TVec a60 = TOps.Load(r6), a61 = TOps.Load(r6 + s1), a62 = TOps.Load(r6 + s2);
        TVec a70 = TOps.Load(r7), a71 = TOps.Load(r7 + s1), a72 = TOps.Load(r7 + s2);
        for (var f = 0; f < flat; f += v)
        {
            var x0 = TOps.Load(x + offset0 + f);
            var x1 = TOps.Load(x + offset1 + f);
            var x2 = TOps.Load(x + offset2 + f);
            var d = TOps.Load(dy + f);
            a00 = TOps.FusedMultiplyAdd(d, x0, a00);
            a01 = TOps.FusedMultiplyAdd(d, x1, a01);
            a02 = TOps.FusedMultiplyAdd(d, x2, a02);
            d = TOps.Load(dy + flat + f);
            a10 = TOps.FusedMultiplyAdd(d, x0, a10);
            a11 = TOps.FusedMultiplyAdd(d, x1, a11);
            a12 = TOps.FusedMultiplyAdd(d, x2, a12);
            d = TOps.Load(dy + (2 * flat) + f);
            a20 = TOps.FusedMultiplyAdd(d, x0, a20);
            a21 = TOps.FusedMultiplyAdd(d, x1, a21);
            a22 = TOps.FusedMultiplyAdd(d, x2, a22);
            d = TOps.Load(dy + (3 * flat) + f);
            a30 = TOps.FusedMultiplyAdd(d, x0, a30);
            a31 = TOps.FusedMultiplyAdd(d, x1, a31);
            a32 = TOps.FusedMultiplyAdd(d, x2, a32);
            d = TOps.Load(dy + (4 * flat) + f);
            a40 = TOps.FusedMultiplyAdd(d, x0, a40);
            a41 = TOps.FusedMultiplyAdd(d, x1, a41);
            a42 = TOps.FusedMultiplyAdd(d, x2, a42);
            d = TOps.Load(dy + (5 * flat) + f);
            a50 = TOps.FusedMultiplyAdd(d, x0, a50);
            a51 = TOps.FusedMultiplyAdd(d, x1, a51);
            a52 = TOps.FusedMultiplyAdd(d, x2, a52);
            d = TOps.Load(dy + (6 * flat) + f);
            a60 = TOps.FusedMultiplyAdd(d, x0, a60);
            a61 = TOps.FusedMultiplyAdd(d, x1, a61);
            a62 = TOps.FusedMultiplyAdd(d, x2, a62);
            d = TOps.Load(dy + (7 * flat) + f);
            a70 = TOps.FusedMultiplyAdd(d, x0, a70);
            a71 = TOps.FusedMultiplyAdd(d, x1, a71);
            a72 = TOps.FusedMultiplyAdd(d, x2, a72);
        }

        Store3<TVec, TOps>(r0, a00, a01, a02, taps);
        Store3<TVec, TOps>(r1, a10, a11, a12, taps);
        Store3<TVec, TOps>(r2, a20, a21, a22, taps);
        Store3<TVec, TOps>(r3, a30, a31, a32, taps);
        Store3<TVec, TOps>(r4, a40, a41, a42, taps);
        Store3<TVec, TOps>(r5, a50, a51, a52, taps);
        Store3<TVec, TOps>(r6, a60, a61, a62, taps);
        Store3<TVec, TOps>(r7, a70, a71, a72, taps);
    }

    // One channel's accumulators for up to three taps, AccumulatorStride apart.
    private static void Store3<TVec, TOps>(float* at, TVec a0, TVec a1, TVec a2, int taps)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        TOps.Store(a0, at);
        if (taps > 1)
        {
            TOps.Store(a1, at + DirectConv2D.AccumulatorStride);
        }

        if (taps > 2)
        {
            TOps.Store(a2, at + (2 * DirectConv2D.AccumulatorStride));
        }
    }

    /// <summary>
    /// As <see cref="Gradient4"/> for one output channel (a one-channel output, and the remainder):
    /// two steps per iteration into two sets of three accumulators, so six FMA chains hide the latency.
    /// </summary>
    // dy: [flat]; x: one padded plane; acc: taps t at acc + t AccumulatorStride
    public static void Gradient1<TVec, TOps>(float* dy, int flat, float* x, int offset0, int offset1, int offset2, int taps, float* acc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        const int s = DirectConv2D.AccumulatorStride;
        offset1 = taps > 1 ? offset1 : offset0;
        offset2 = taps > 2 ? offset2 : offset0;
        TVec a0 = TOps.Load(acc), a1 = taps > 1 ? TOps.Load(acc + s) : default, a2 = taps > 2 ? TOps.Load(acc + (2 * s)) : default;
        TVec e0 = default, e1 = default, e2 = default;
        for (var f = 0; f < flat; f += 2 * v)
        {
            var d = TOps.Load(dy + f);
            a0 = TOps.FusedMultiplyAdd(d, TOps.Load(x + offset0 + f), a0);
            a1 = TOps.FusedMultiplyAdd(d, TOps.Load(x + offset1 + f), a1);
            a2 = TOps.FusedMultiplyAdd(d, TOps.Load(x + offset2 + f), a2);
            var g = TOps.Load(dy + f + v);
            e0 = TOps.FusedMultiplyAdd(g, TOps.Load(x + offset0 + f + v), e0);
            e1 = TOps.FusedMultiplyAdd(g, TOps.Load(x + offset1 + f + v), e1);
            e2 = TOps.FusedMultiplyAdd(g, TOps.Load(x + offset2 + f + v), e2);
        }

        TOps.Store(TOps.Add(a0, e0), acc);
        if (taps > 1)
        {
            TOps.Store(TOps.Add(a1, e1), acc + s);
        }

        if (taps > 2)
        {
            TOps.Store(TOps.Add(a2, e2), acc + (2 * s));
        }
    }
}
