using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
        // Four row pointers and one running tap index (see Forward8).
        var ws = (nint)wStride;
        float* w0 = w, w1 = w0 + ws, w2 = w1 + ws, w3 = w2 + ws;
        for (var f = 0; f < flat; f += 2 * v)
        {
            TVec a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
            nint k = 0;
            for (var c = 0; c < channels; c++)
            {
                var plane = x + ((nint)c * planeStride) + f;
                for (var ky = 0; ky < kh; ky++)
                {
                    var row = plane + (ky * rowStride);
                    for (var kx = 0; kx < kw; kx++, k++)
                    {
                        var x0 = TOps.Load(row + kx);
                        var x1 = TOps.Load(row + kx + v);
                        var wv = TOps.Create(w0[k]);
                        a00 = TOps.FusedMultiplyAdd(wv, x0, a00);
                        a01 = TOps.FusedMultiplyAdd(wv, x1, a01);
                        wv = TOps.Create(w1[k]);
                        a10 = TOps.FusedMultiplyAdd(wv, x0, a10);
                        a11 = TOps.FusedMultiplyAdd(wv, x1, a11);
                        wv = TOps.Create(w2[k]);
                        a20 = TOps.FusedMultiplyAdd(wv, x0, a20);
                        a21 = TOps.FusedMultiplyAdd(wv, x1, a21);
                        wv = TOps.Create(w3[k]);
                        a30 = TOps.FusedMultiplyAdd(wv, x0, a30);
                        a31 = TOps.FusedMultiplyAdd(wv, x1, a31);
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
        var ws = (nint)wStride;
        float* w0 = w, w1 = w0 + ws, w2 = w1 + ws, w3 = w2 + ws, w4 = w3 + ws, w5 = w4 + ws, w6 = w5 + ws, w7 = w6 + ws;
        for (var f = 0; f < flat; f += 2 * v)
        {
            TVec a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
            TVec a40 = b4, a41 = b4, a50 = b5, a51 = b5, a60 = b6, a61 = b6, a70 = b7, a71 = b7;
            // The eight weights of a tap at one index k from eight row pointers: the JIT re-derived
            // each row's address from int products on every tap, more integer work than the FMAs.
            nint k = 0;
            for (var c = 0; c < channels; c++)
            {
                var plane = x + ((nint)c * planeStride) + f;
                for (var ky = 0; ky < kh; ky++)
                {
                    var row = plane + (ky * rowStride);
                    for (var kx = 0; kx < kw; kx++, k++)
                    {
                        var x0 = TOps.Load(row + kx);
                        var x1 = TOps.Load(row + kx + v);
                        var wv = TOps.Create(w0[k]);
                        a00 = TOps.FusedMultiplyAdd(wv, x0, a00);
                        a01 = TOps.FusedMultiplyAdd(wv, x1, a01);
                        wv = TOps.Create(w1[k]);
                        a10 = TOps.FusedMultiplyAdd(wv, x0, a10);
                        a11 = TOps.FusedMultiplyAdd(wv, x1, a11);
                        wv = TOps.Create(w2[k]);
                        a20 = TOps.FusedMultiplyAdd(wv, x0, a20);
                        a21 = TOps.FusedMultiplyAdd(wv, x1, a21);
                        wv = TOps.Create(w3[k]);
                        a30 = TOps.FusedMultiplyAdd(wv, x0, a30);
                        a31 = TOps.FusedMultiplyAdd(wv, x1, a31);
                        wv = TOps.Create(w4[k]);
                        a40 = TOps.FusedMultiplyAdd(wv, x0, a40);
                        a41 = TOps.FusedMultiplyAdd(wv, x1, a41);
                        wv = TOps.Create(w5[k]);
                        a50 = TOps.FusedMultiplyAdd(wv, x0, a50);
                        a51 = TOps.FusedMultiplyAdd(wv, x1, a51);
                        wv = TOps.Create(w6[k]);
                        a60 = TOps.FusedMultiplyAdd(wv, x0, a60);
                        a61 = TOps.FusedMultiplyAdd(wv, x1, a61);
                        wv = TOps.Create(w7[k]);
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
    /// Eight vectors per step: eight independent FMA chains keep both FMA pipes busy through the
    /// FMA's latency, where four left half of them idle (the denoiser's 32->1 output layer took
    /// 1.2x as long on AVX2 at four). Then steps of four and of two where the flat length (a
    /// multiple of two vectors) leaves them. Each output's sum is the same on every step width.
    /// </summary>
    // x: [channels][p.PlaneStride] padded planes; w: [channels, kh, kw]; bias: [1] or null; y: [p.Flat]
    public static void Forward1<TVec, TOps>(float* x, int channels, in PaddedPlanes p, float* w, float* bias, float* y)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        int v = TOps.Count, flat = p.Flat;
        var b = TOps.Create(bias == null ? 0f : bias[0]);
        var f = 0;
        for (; f + (8 * v) <= flat; f += 8 * v)
        {
            Forward1Step<TVec, TOps, EightVectors>(x, channels, p, w, b, y, f);
        }

        for (; f + (4 * v) <= flat; f += 4 * v)
        {
            Forward1Step<TVec, TOps, FourVectors>(x, channels, p, w, b, y, f);
        }

        for (; f < flat; f += 2 * v)
        {
            Forward1Step<TVec, TOps, TwoVectors>(x, channels, p, w, b, y, f);
        }
    }

    /// <summary>How many vectors a step of <see cref="Forward1"/> computes, as a type: each width compiles to its own loop.</summary>
    private interface IStepVectors
    {
        static abstract int Count { get; }
    }

    private readonly struct EightVectors : IStepVectors
    {
        public static int Count => 8;
    }

    private readonly struct FourVectors : IStepVectors
    {
        public static int Count => 4;
    }

    private readonly struct TwoVectors : IStepVectors
    {
        public static int Count => 2;
    }

    // TStep.Count vectors of one channel's outputs from flat index f: one FMA chain per vector.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward1Step<TVec, TOps, TStep>(float* x, int channels, in PaddedPlanes p, float* w, TVec b, float* y, int f)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
        where TStep : struct, IStepVectors
    {
        int v = TOps.Count, kh = p.KernelHeight, kw = p.KernelWidth, rowStride = p.RowStride, planeStride = p.PlaneStride;
        TVec a0 = b, a1 = b, a2 = b, a3 = b, a4 = b, a5 = b, a6 = b, a7 = b;
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
                    var at = row + kx;
                    a0 = TOps.FusedMultiplyAdd(wv, TOps.Load(at), a0);
                    a1 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + v), a1);
                    if (TStep.Count >= 4)
                    {
                        a2 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + (2 * v)), a2);
                        a3 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + (3 * v)), a3);
                    }

                    if (TStep.Count >= 8)
                    {
                        a4 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + (4 * v)), a4);
                        a5 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + (5 * v)), a5);
                        a6 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + (6 * v)), a6);
                        a7 = TOps.FusedMultiplyAdd(wv, TOps.Load(at + (7 * v)), a7);
                    }
                }
            }
        }

        TOps.Store(a0, y + f);
        TOps.Store(a1, y + f + v);
        if (TStep.Count >= 4)
        {
            TOps.Store(a2, y + f + (2 * v));
            TOps.Store(a3, y + f + (3 * v));
        }

        if (TStep.Count >= 8)
        {
            TOps.Store(a4, y + f + (4 * v));
            TOps.Store(a5, y + f + (5 * v));
            TOps.Store(a6, y + f + (6 * v));
            TOps.Store(a7, y + f + (7 * v));
        }
    }

    /// <summary>
    /// acc[j, t] += sum over the group's images and f of dy[j][f] x[f + offset t], for four output
    /// channels j and up to three taps t of one input plane: twelve accumulators fed by four dy loads
    /// and three shifted loads, held in registers across the images. Taps past <paramref name="taps"/>
    /// repeat tap 0's load and are neither read nor stored.
    /// </summary>
    // dy: the first image's 4 rows of [flat], flat apart (the flat output layout, zero junk); x: the first
    // image's padded plane; acc: vector accumulators of AccumulatorStride floats, tap t of channel j at
    // acc + (j accRowStride + t) AccumulatorStride
    public static void Gradient4<TVec, TOps>(float* dy, float* x, in ImageGroup group, int offset0, int offset1, int offset2, int taps, float* acc, int accRowStride)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        const int s = DirectConv2D.AccumulatorStride;
        offset1 = taps > 1 ? offset1 : offset0;
        offset2 = taps > 2 ? offset2 : offset0;
        var r = (nint)accRowStride * s;
        float* r0 = acc, r1 = acc + r, r2 = acc + (2 * r), r3 = acc + (3 * r);
        nint s1 = taps > 1 ? s : 0, s2 = taps > 2 ? 2 * s : 0;
        var z = group.FromZero;
        TVec a00 = Start<TVec, TOps>(r0, z), a01 = Start<TVec, TOps>(r0 + s1, z), a02 = Start<TVec, TOps>(r0 + s2, z);
        TVec a10 = Start<TVec, TOps>(r1, z), a11 = Start<TVec, TOps>(r1 + s1, z), a12 = Start<TVec, TOps>(r1 + s2, z);
        TVec a20 = Start<TVec, TOps>(r2, z), a21 = Start<TVec, TOps>(r2 + s1, z), a22 = Start<TVec, TOps>(r2 + s2, z);
        TVec a30 = Start<TVec, TOps>(r3, z), a31 = Start<TVec, TOps>(r3 + s1, z), a32 = Start<TVec, TOps>(r3 + s2, z);
        var flat = (nint)group.Flat;
        for (var image = 0; image < group.Images; image++)
        {
            // Every address a base pointer plus the running index: the JIT re-derived each row's
            // address from int products on every iteration, twice the integer work of the FMAs.
            float* x0 = x + offset0, x1 = x + offset1, x2 = x + offset2;
            float* d0 = dy, d1 = d0 + flat, d2 = d1 + flat, d3 = d2 + flat;
            for (nint f = 0; f < flat; f += v)
            {
                var xa = TOps.Load(x0 + f);
                var xb = TOps.Load(x1 + f);
                var xc = TOps.Load(x2 + f);
                var d = TOps.Load(d0 + f);
                a00 = TOps.FusedMultiplyAdd(d, xa, a00);
                a01 = TOps.FusedMultiplyAdd(d, xb, a01);
                a02 = TOps.FusedMultiplyAdd(d, xc, a02);
                d = TOps.Load(d1 + f);
                a10 = TOps.FusedMultiplyAdd(d, xa, a10);
                a11 = TOps.FusedMultiplyAdd(d, xb, a11);
                a12 = TOps.FusedMultiplyAdd(d, xc, a12);
                d = TOps.Load(d2 + f);
                a20 = TOps.FusedMultiplyAdd(d, xa, a20);
                a21 = TOps.FusedMultiplyAdd(d, xb, a21);
                a22 = TOps.FusedMultiplyAdd(d, xc, a22);
                d = TOps.Load(d3 + f);
                a30 = TOps.FusedMultiplyAdd(d, xa, a30);
                a31 = TOps.FusedMultiplyAdd(d, xb, a31);
                a32 = TOps.FusedMultiplyAdd(d, xc, a32);
            }

            dy += group.DyImageStride;
            x += group.XImageStride;
        }

        Store3<TVec, TOps>(r0, a00, a01, a02, taps);
        Store3<TVec, TOps>(r1, a10, a11, a12, taps);
        Store3<TVec, TOps>(r2, a20, a21, a22, taps);
        Store3<TVec, TOps>(r3, a30, a31, a32, taps);
    }

    /// <summary>
    /// As <see cref="Gradient4"/> for eight output channels: twenty-four accumulators, for the 32
    /// registers of AVX-512, so each shifted input load feeds eight channels instead of four. Every
    /// accumulator adds the same products in the same order as in Gradient4: the same bits.
    /// </summary>
    // dy: the first image's 8 rows of [flat], flat apart; x: its padded plane; acc: as Gradient4's, eight rows
    public static void Gradient8<TVec, TOps>(float* dy, float* x, in ImageGroup group, int offset0, int offset1, int offset2, int taps, float* acc, int accRowStride)
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
        var z = group.FromZero;
        TVec a00 = Start<TVec, TOps>(r0, z), a01 = Start<TVec, TOps>(r0 + s1, z), a02 = Start<TVec, TOps>(r0 + s2, z);
        TVec a10 = Start<TVec, TOps>(r1, z), a11 = Start<TVec, TOps>(r1 + s1, z), a12 = Start<TVec, TOps>(r1 + s2, z);
        TVec a20 = Start<TVec, TOps>(r2, z), a21 = Start<TVec, TOps>(r2 + s1, z), a22 = Start<TVec, TOps>(r2 + s2, z);
        TVec a30 = Start<TVec, TOps>(r3, z), a31 = Start<TVec, TOps>(r3 + s1, z), a32 = Start<TVec, TOps>(r3 + s2, z);
        TVec a40 = Start<TVec, TOps>(r4, z), a41 = Start<TVec, TOps>(r4 + s1, z), a42 = Start<TVec, TOps>(r4 + s2, z);
        TVec a50 = Start<TVec, TOps>(r5, z), a51 = Start<TVec, TOps>(r5 + s1, z), a52 = Start<TVec, TOps>(r5 + s2, z);
        TVec a60 = Start<TVec, TOps>(r6, z), a61 = Start<TVec, TOps>(r6 + s1, z), a62 = Start<TVec, TOps>(r6 + s2, z);
        TVec a70 = Start<TVec, TOps>(r7, z), a71 = Start<TVec, TOps>(r7 + s1, z), a72 = Start<TVec, TOps>(r7 + s2, z);
        var flat = (nint)group.Flat;
        for (var image = 0; image < group.Images; image++)
        {
            float* x0 = x + offset0, x1 = x + offset1, x2 = x + offset2;
            float* d0 = dy, d1 = d0 + flat, d2 = d1 + flat, d3 = d2 + flat;
            float* d4 = d3 + flat, d5 = d4 + flat, d6 = d5 + flat, d7 = d6 + flat;
            for (nint f = 0; f < flat; f += v)
            {
                var xa = TOps.Load(x0 + f);
                var xb = TOps.Load(x1 + f);
                var xc = TOps.Load(x2 + f);
                var d = TOps.Load(d0 + f);
                a00 = TOps.FusedMultiplyAdd(d, xa, a00);
                a01 = TOps.FusedMultiplyAdd(d, xb, a01);
                a02 = TOps.FusedMultiplyAdd(d, xc, a02);
                d = TOps.Load(d1 + f);
                a10 = TOps.FusedMultiplyAdd(d, xa, a10);
                a11 = TOps.FusedMultiplyAdd(d, xb, a11);
                a12 = TOps.FusedMultiplyAdd(d, xc, a12);
                d = TOps.Load(d2 + f);
                a20 = TOps.FusedMultiplyAdd(d, xa, a20);
                a21 = TOps.FusedMultiplyAdd(d, xb, a21);
                a22 = TOps.FusedMultiplyAdd(d, xc, a22);
                d = TOps.Load(d3 + f);
                a30 = TOps.FusedMultiplyAdd(d, xa, a30);
                a31 = TOps.FusedMultiplyAdd(d, xb, a31);
                a32 = TOps.FusedMultiplyAdd(d, xc, a32);
                d = TOps.Load(d4 + f);
                a40 = TOps.FusedMultiplyAdd(d, xa, a40);
                a41 = TOps.FusedMultiplyAdd(d, xb, a41);
                a42 = TOps.FusedMultiplyAdd(d, xc, a42);
                d = TOps.Load(d5 + f);
                a50 = TOps.FusedMultiplyAdd(d, xa, a50);
                a51 = TOps.FusedMultiplyAdd(d, xb, a51);
                a52 = TOps.FusedMultiplyAdd(d, xc, a52);
                d = TOps.Load(d6 + f);
                a60 = TOps.FusedMultiplyAdd(d, xa, a60);
                a61 = TOps.FusedMultiplyAdd(d, xb, a61);
                a62 = TOps.FusedMultiplyAdd(d, xc, a62);
                d = TOps.Load(d7 + f);
                a70 = TOps.FusedMultiplyAdd(d, xa, a70);
                a71 = TOps.FusedMultiplyAdd(d, xb, a71);
                a72 = TOps.FusedMultiplyAdd(d, xc, a72);
            }

            dy += group.DyImageStride;
            x += group.XImageStride;
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

    /// <summary>
    /// As <see cref="Gradient4"/> for one output channel (a one-channel output, and the remainder):
    /// two steps per iteration into two sets of three accumulators, so six FMA chains hide the latency.
    /// The second set joins the first at the end of each image, as when a call swept one image.
    /// </summary>
    // dy: the first image's [flat]; x: its padded plane; acc: taps t at acc + t AccumulatorStride
    public static void Gradient1<TVec, TOps>(float* dy, float* x, in ImageGroup group, int offset0, int offset1, int offset2, int taps, float* acc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        const int s = DirectConv2D.AccumulatorStride;
        offset1 = taps > 1 ? offset1 : offset0;
        offset2 = taps > 2 ? offset2 : offset0;
        nint s1 = taps > 1 ? s : 0, s2 = taps > 2 ? 2 * s : 0;
        var z = group.FromZero;
        TVec a0 = Start<TVec, TOps>(acc, z), a1 = Start<TVec, TOps>(acc + s1, z), a2 = Start<TVec, TOps>(acc + s2, z);
        var flat = (nint)group.Flat;
        for (var image = 0; image < group.Images; image++)
        {
            float* x0 = x + offset0, x1 = x + offset1, x2 = x + offset2;
            TVec e0 = default, e1 = default, e2 = default;
            for (nint f = 0; f < flat; f += 2 * v)
            {
                var d = TOps.Load(dy + f);
                a0 = TOps.FusedMultiplyAdd(d, TOps.Load(x0 + f), a0);
                a1 = TOps.FusedMultiplyAdd(d, TOps.Load(x1 + f), a1);
                a2 = TOps.FusedMultiplyAdd(d, TOps.Load(x2 + f), a2);
                var g = TOps.Load(dy + f + v);
                e0 = TOps.FusedMultiplyAdd(g, TOps.Load(x0 + f + v), e0);
                e1 = TOps.FusedMultiplyAdd(g, TOps.Load(x1 + f + v), e1);
                e2 = TOps.FusedMultiplyAdd(g, TOps.Load(x2 + f + v), e2);
            }

            a0 = TOps.Add(a0, e0);
            a1 = TOps.Add(a1, e1);
            a2 = TOps.Add(a2, e2);
            dy += group.DyImageStride;
            x += group.XImageStride;
        }

        Store3<TVec, TOps>(acc, a0, a1, a2, taps);
    }

    /// <summary>
    /// sums[k] = Vector512.Sum(the accumulator of weight k) for k below a multiple of 16, sixteen at a
    /// time: four rounds that each add the even and odd lanes of two vectors (permutes that pick them)
    /// make the same balanced tree of adjacent pairs as Vector512.Sum, (a0 + a1) + (a2 + a3) and up,
    /// so each sum has its bits, for a twelfth of its shuffles. Returns how many sums it wrote.
    /// </summary>
    // acc: [count] vectors of AccumulatorStride floats; sums: [count]
    public static int SumAccumulators512(float* acc, int count, float* sums)
    {
        if (!Avx512F.IsSupported)
        {
            return 0;
        }

        var even = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var odd = Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
        const int s = DirectConv2D.AccumulatorStride;
        var k = 0;
        for (; k + 16 <= count; k += 16)
        {
            var a = acc + ((nint)k * s);
            // Round 1: pair sums of accumulators 2i and 2i + 1, eight lanes each.
            var p0 = Pairs(Vector512.Load(a), Vector512.Load(a + s), even, odd);
            var p1 = Pairs(Vector512.Load(a + (2 * s)), Vector512.Load(a + (3 * s)), even, odd);
            var p2 = Pairs(Vector512.Load(a + (4 * s)), Vector512.Load(a + (5 * s)), even, odd);
            var p3 = Pairs(Vector512.Load(a + (6 * s)), Vector512.Load(a + (7 * s)), even, odd);
            var p4 = Pairs(Vector512.Load(a + (8 * s)), Vector512.Load(a + (9 * s)), even, odd);
            var p5 = Pairs(Vector512.Load(a + (10 * s)), Vector512.Load(a + (11 * s)), even, odd);
            var p6 = Pairs(Vector512.Load(a + (12 * s)), Vector512.Load(a + (13 * s)), even, odd);
            var p7 = Pairs(Vector512.Load(a + (14 * s)), Vector512.Load(a + (15 * s)), even, odd);
            // Round 2: four lanes each (sums of four); round 3: two (of eight); round 4: one, in order.
            Vector512<float> q0 = Pairs(p0, p1, even, odd), q1 = Pairs(p2, p3, even, odd), q2 = Pairs(p4, p5, even, odd), q3 = Pairs(p6, p7, even, odd);
            Vector512<float> r0 = Pairs(q0, q1, even, odd), r1 = Pairs(q2, q3, even, odd);
            Pairs(r0, r1, even, odd).Store(sums + k);
        }

        return k;
    }

    // The even lanes of (a, b) plus their odd lanes: adjacent pairs summed, a's in the low half.
    private static Vector512<float> Pairs(Vector512<float> a, Vector512<float> b, Vector512<int> even, Vector512<int> odd) =>
        Avx512F.PermuteVar16x32x2(a, even, b) + Avx512F.PermuteVar16x32x2(a, odd, b);

    // An accumulator's value before a group: zero for a run's first group, else what the last stored.
    private static TVec Start<TVec, TOps>(float* at, bool fromZero)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec> =>
        fromZero ? TOps.Create(0f) : TOps.Load(at);

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
}

/// <summary>
/// The images one weight-gradient kernel call sweeps: <see cref="Images"/> images whose dy rows (the
/// flat output layout, <see cref="Flat"/> floats each) and padded input planes lie
/// <see cref="DyImageStride"/> and <see cref="XImageStride"/> floats apart. <see cref="FromZero"/>: the
/// run's first group, whose accumulators start at zero rather than at what the scratch holds.
/// </summary>
internal readonly record struct ImageGroup(int Images, int Flat, int DyImageStride, int XImageStride, bool FromZero);
