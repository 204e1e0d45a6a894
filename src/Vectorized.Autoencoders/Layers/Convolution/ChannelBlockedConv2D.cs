using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The direct convolution's forward pass on AVX-512 vectorized along the output channels instead of
/// along a row: a block of 32 channels in two vectors, fourteen pixels of a row at a time, 28
/// accumulators in AVX-512's 32 registers, each input float broadcast once for the block. Where a
/// 14-wide plane fills 14 of a row kernel's 16 lanes (<see cref="DirectConv2DKernels.Forward8"/>: the
/// denoiser's 32-channel layers, whose row stride is 16), every lane here is an output. The backward
/// pass's input gradient, a transposed convolution (dy's channels in, the flipped kernel), takes
/// the same kernel where its shape fits (<see cref="SupportsInputGradient"/>).
/// <para>
/// Each output sums the same products in the same order as the row kernels (input channel, then
/// ky, then kx, from the bias, one FMA each), so the values are theirs to the bit. The outputs come
/// channel-last, [pixel][channel]. Without a pooling (training and inference alike) each chunk goes
/// to the channel-major planes through 16 x 16 transposes in registers. With a 2x2 pooling behind
/// the fused ReLU two rows are pooled by vertical maxes of whole vectors, and only the pooled values
/// are copied to the planes: in inference by plain maxes (<c>FusedTwoByTwo</c>'s plain maximum: the
/// ReLU's outputs hold no NaN and no -0), in training by its chain of compares, which also gives
/// each window's argmax (the first of equal maxima) for the backward pass.
/// </para>
/// <para>
/// One thread, batch 128: the denoiser's pooled 32->32 layer took 0.88x the row kernels' time in
/// inference; its up-sampled 32->32 decoder layer 0.91-0.92x in training's forward pass (bench train
/// --phases) and the decoder 0.92x in inference (bench infer); the backward passes of the denoiser's
/// two 14x14 32->32 layers, input gradient on this path, 0.95-0.97x (bench train --phases); its 7x7
/// layer in 7-pixel chunks 0.81x at batch 128 and 0.85-0.90x at batch 1 (DirectConv2D.Forward alone);
/// the pooled 32->32 layer in training's forward pass, argmax kept, 0.91-0.93x (bench train --phases).
/// </para>
/// </summary>
internal static unsafe class ChannelBlockedConv2D
{
    /// <summary>Output channels per block: two 16-float vectors.</summary>
    public const int Channels = 32;

    /// <summary>Pixels of a row per kernel call.</summary>
    public const int Pixels = 14;

    /// <summary>
    /// Pixels per call where a row is not whole 14-pixel chunks but whole 7-pixel ones (the denoiser's
    /// 7x7 layer, whose row kernels fill 49 of the 64 lanes of a plane): 14 accumulators, every lane
    /// an output. Unpooled layers only.
    /// </summary>
    public const int NarrowPixels = 7;

    // The widest output row this path takes: its two-row tile of a block lives on the stack (14 KB at 56).
    private const int MaxWidth = 56;

    /// <summary>
    /// Products per output below which the row kernels stay: each output here also goes through the
    /// tile, the pooling's loads and a copy to its plane, which many products pay for and few do not.
    /// One thread, batch 128: the denoiser's 32->32 layer (288 products per output) took 0.88x the row
    /// kernels' time, its 1->32 layer (9) 1.25x.
    /// </summary>
    public const int MinProducts = 64;

    /// <summary>
    /// Whether this path computes the forward pass of <paramref name="g"/> with <paramref name="fusion"/>:
    /// AVX-512, blocks of 32 output channels, <see cref="MinProducts"/> or more per output, rows of
    /// whole 14-pixel chunks (up to 56; 7-pixel ones without a pooling), and either no pooling, or a
    /// fused ReLU and 2x2 stride-2 pooling of whole windows (with or without the argmax).
    /// </summary>
    public static bool Supports(in Conv2DGeometry g, in Conv2DFusion fusion, bool relu, Isa isa) =>
        Takes(g.InChannels * g.KernelHeight * g.KernelWidth, g.OutChannels, g.OutWidth, isa)
        && (fusion.Pool is not { } pool
            || (relu && g.OutWidth % Pixels == 0 && pool is { Pool: 2, Stride: 2, PadTop: 0, PadLeft: 0 } && g.OutHeight % 2 == 0
                && pool.OutHeight * 2 == g.OutHeight && pool.OutWidth * 2 == g.OutWidth));

    /// <summary>
    /// Whether this path computes the input gradient of <paramref name="g"/> in the backward pass: the
    /// transposed convolution of dy (g's output channels in) with the flipped kernel (g's input
    /// channels out, planes the size of g's input, no bias, no pooling), under the same conditions.
    /// </summary>
    public static bool SupportsInputGradient(in Conv2DGeometry g, Isa isa) =>
        Takes(g.OutChannels * g.KernelHeight * g.KernelWidth, g.InChannels, g.InWidth, isa);

    // AVX-512, enough products per output, whole blocks of output channels, rows of whole chunks.
    private static bool Takes(int products, int outChannels, int outWidth, Isa isa) =>
        isa == Isa.Avx512 && Avx512F.IsSupported && products >= MinProducts
        && outChannels % Channels == 0 && ChunkPixels(outWidth) > 0 && outWidth <= MaxWidth;

    /// <summary>Pixels per kernel call along a row <paramref name="width"/> wide: 14, 7, or 0 where neither divides it.</summary>
    public static int ChunkPixels(int width) =>
        width % Pixels == 0 ? Pixels : width % NarrowPixels == 0 ? NarrowPixels : 0;

    /// <summary>packed[block][c][ky][kx][j] = w[32 block + j, c, ky, kx]: a tap's 32 weights of a block in two vectors.</summary>
    // w: [outChannels, inChannels, kh, kw]; packed: [WeightCount]. Once per call: at batch 1 a
    // bounds-checked loop cost more than the path saved.
    public static void Pack(ReadOnlySpan<float> w, in Conv2DGeometry g, Span<float> packed)
    {
        var taps = g.InChannels * g.KernelHeight * g.KernelWidth;
        fixed (float* source = w, target = packed)
        {
            for (var o = 0; o < g.OutChannels; o++)
            {
                float* row = source + ((nint)o * taps), column = target + ((nint)(o / Channels) * taps * Channels) + (o % Channels);
                for (var t = 0; t < taps; t++)
                {
                    column[(nint)t * Channels] = row[t];
                }
            }
        }
    }

    /// <summary>
    /// The weights of a convolution packed for its inference (<see cref="IPreparedInference"/>), or
    /// null where this path does not compute it on the current ISA path.
    /// </summary>
    // parameters: the layer's weights [outChannels, inChannels, kh, kw], then anything (its bias)
    public static float[]? PackForInference(ReadOnlySpan<float> parameters, in Conv2DGeometry g, in Conv2DFusion fusion, bool relu)
    {
        if (!Supports(g, fusion, relu, IsaSelector.Current))
        {
            return null;
        }

        var packed = new float[g.WeightCount];
        Pack(parameters[..g.WeightCount], g, packed);
        return packed;
    }

    /// <summary>
    /// The input gradient's kernel packed as <see cref="Pack"/> packs a forward kernel: the flipped
    /// kernel, flipped[c, o, ky, kx] = w[o, c, kh - 1 - ky, kw - 1 - kx], laid out for blocks of 32 of
    /// g's input channels, packed[block][o][ky][kx][j] = flipped[32 block + j, o, ky, kx].
    /// </summary>
    // w: [outChannels, inChannels, kh, kw]; packed: [WeightCount]
    public static void PackFlipped(ReadOnlySpan<float> w, in Conv2DGeometry g, Span<float> packed)
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, taps = g.OutChannels * kh * kw;
        fixed (float* source = w, target = packed)
        {
            for (var c = 0; c < g.InChannels; c++)
            {
                var column = target + ((nint)(c / Channels) * taps * Channels) + (c % Channels);
                for (var o = 0; o < g.OutChannels; o++)
                {
                    var kernel = source + ((((nint)o * g.InChannels) + c) * kh * kw);
                    for (var t = 0; t < kh * kw; t++)
                    {
                        column[((nint)((o * kh * kw) + t)) * Channels] = kernel[(kh * kw) - 1 - t];
                    }
                }
            }
        }
    }

    /// <summary>
    /// One image: y's pooled planes of every block from the padded input planes (as
    /// <see cref="DirectConv2DRuns"/> lays them out), through the bias, the ReLU and the pooling;
    /// with an <paramref name="argmax"/>, each window's winner too, as the row kernels' pooling
    /// (<c>FusedTwoByTwo</c>) picks it and writes it: its flat index in the convolution's output
    /// layout (row p.RowStride + column), the first of equal maxima in row-major order.
    /// </summary>
    // padded: [channels][p.PlaneStride]; packed: Pack's; b: [outChannels]; pooled: room for a block's
    // pooled planes channel-last, Channels x (outHeight / 2) x (outWidth / 2) floats, and as many
    // ints after them for the argmax
    // y, argmax: image n's planes of [outChannels, batch, outPlane], channelStride = batch x outPlane apart; argmax may be null
    public static void Image(float* padded, int channels, in PaddedPlanes p, int outChannels, float* packed, float* b, float* pooled, float* y, int* argmax, nint channelStride)
    {
        int width = p.OutWidth, pooledWidth = width / 2, pooledPlane = pooledWidth * (p.OutHeight / 2);
        var winners = (int*)(pooled + (pooledPlane * Channels));
        var tile = stackalloc float[2 * MaxWidth * Channels];
        var taps = channels * p.KernelHeight * p.KernelWidth;
        for (var block = 0; block < outChannels / Channels; block++)
        {
            float* weights = packed + ((nint)block * taps * Channels), bias = b + (block * Channels);
            for (var oy = 0; oy < p.OutHeight; oy += 2)
            {
                for (var r = 0; r < 2; r++)
                {
                    for (var x0 = 0; x0 < width; x0 += Pixels)
                    {
                        Chunk<Fourteen>(padded, channels, p, weights, bias, ((oy + r) * p.RowStride) + x0, tile + (((r * width) + x0) * Channels));
                    }
                }

                var row = (oy / 2) * pooledWidth * Channels;
                if (argmax == null)
                {
                    Pool(tile, width, pooled + row);
                }
                else
                {
                    PoolWithArgmax(tile, width, oy * p.RowStride, p.RowStride, pooled + row, winners + row);
                }
            }

            // Channel-last to the channel-major planes, each plane written in order: one float at a time
            // into 32 planes at once waited on the stores' cache misses (the 1->32 layer took 2.6x as long).
            var offset = block * Channels * channelStride;
            ToPlanes(pooled, pooledPlane, y + offset, channelStride);
            if (argmax != null)
            {
                ToPlanes((float*)winners, pooledPlane, (float*)(argmax + offset), channelStride);
            }
        }
    }

    // A block's [pixel][channel] values into its 32 planes, channelStride apart (ints travel as their bits).
    private static void ToPlanes(float* channelLast, int plane, float* target, nint channelStride)
    {
        for (var j = 0; j < Channels; j++)
        {
            var to = target + (j * channelStride);
            for (var i = 0; i < plane; i++)
            {
                to[i] = channelLast[(i * Channels) + j];
            }
        }
    }

    /// <summary>
    /// One image without pooling: y's planes of every block, through the bias (none when
    /// <paramref name="b"/> is null: the sums start at zero) and, with <paramref name="relu"/>, the
    /// ReLU. Each chunk's 14 pixels x 32 channels go from the tile to the planes by two 16 x 16
    /// transposes in registers and masked stores of 14 floats.
    /// </summary>
    // padded, packed: as Image's; b: [outChannels] or null; y: image n's planes, channelStride apart,
    // their rows rowStride apart (the output width for a tensor's planes; the flat layout's row
    // stride for the backward pass's planes, whose junk columns this leaves as they were)
    public static void ImageUnpooled(float* padded, int channels, in PaddedPlanes p, int outChannels, float* packed, float* b, bool relu, float* y, nint channelStride, int rowStride)
    {
        int width = p.OutWidth, taps = channels * p.KernelHeight * p.KernelWidth, pixels = ChunkPixels(width);
        // Sixteen pixels' room: a chunk, and what the 16-wide transpose reads into lanes the stores leave out.
        var tile = stackalloc float[16 * Channels];
        var valid = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(pixels)).AsSingle();
        for (var block = 0; block < outChannels / Channels; block++)
        {
            float* weights = packed + ((nint)block * taps * Channels), bias = b == null ? null : b + (block * Channels);
            var target = y + (block * Channels * channelStride);
            for (var oy = 0; oy < p.OutHeight; oy++)
            {
                for (var x0 = 0; x0 < width; x0 += pixels)
                {
                    if (pixels == Pixels)
                    {
                        Chunk<Fourteen>(padded, channels, p, weights, bias, (oy * p.RowStride) + x0, tile);
                    }
                    else
                    {
                        Chunk<Seven>(padded, channels, p, weights, bias, (oy * p.RowStride) + x0, tile);
                    }

                    var row = target + (oy * rowStride) + x0;
                    StoreTransposed(tile, row, channelStride, valid, relu);
                    StoreTransposed(tile + 16, row + (16 * channelStride), channelStride, valid, relu);
                }
            }
        }
    }

    // Sixteen channels of sixteen pixels, tile[pixel][channel] (Channels floats apart), to sixteen
    // planes, channelStride apart, the first 14 (or 7) pixels of each (valid). The transpose: 32-bit then
    // 64-bit interleaves within each 128-bit lane, then a 4 x 4 transpose of the lanes by two rounds
    // of lane shuffles. With relu, max(v, +0): the ReLU's rule (a NaN and -0 give +0).
    private static void StoreTransposed(float* tile, float* planes, nint channelStride, Vector512<float> valid, bool relu)
    {
        // Stage 1: pairs of pixels interleaved float by float.
        var t0 = Avx512F.UnpackLow(Vector512.Load(tile), Vector512.Load(tile + Channels));
        var t1 = Avx512F.UnpackHigh(Vector512.Load(tile), Vector512.Load(tile + Channels));
        var t2 = Avx512F.UnpackLow(Vector512.Load(tile + (2 * Channels)), Vector512.Load(tile + (3 * Channels)));
        var t3 = Avx512F.UnpackHigh(Vector512.Load(tile + (2 * Channels)), Vector512.Load(tile + (3 * Channels)));
        var t4 = Avx512F.UnpackLow(Vector512.Load(tile + (4 * Channels)), Vector512.Load(tile + (5 * Channels)));
        var t5 = Avx512F.UnpackHigh(Vector512.Load(tile + (4 * Channels)), Vector512.Load(tile + (5 * Channels)));
        var t6 = Avx512F.UnpackLow(Vector512.Load(tile + (6 * Channels)), Vector512.Load(tile + (7 * Channels)));
        var t7 = Avx512F.UnpackHigh(Vector512.Load(tile + (6 * Channels)), Vector512.Load(tile + (7 * Channels)));
        var t8 = Avx512F.UnpackLow(Vector512.Load(tile + (8 * Channels)), Vector512.Load(tile + (9 * Channels)));
        var t9 = Avx512F.UnpackHigh(Vector512.Load(tile + (8 * Channels)), Vector512.Load(tile + (9 * Channels)));
        var t10 = Avx512F.UnpackLow(Vector512.Load(tile + (10 * Channels)), Vector512.Load(tile + (11 * Channels)));
        var t11 = Avx512F.UnpackHigh(Vector512.Load(tile + (10 * Channels)), Vector512.Load(tile + (11 * Channels)));
        var t12 = Avx512F.UnpackLow(Vector512.Load(tile + (12 * Channels)), Vector512.Load(tile + (13 * Channels)));
        var t13 = Avx512F.UnpackHigh(Vector512.Load(tile + (12 * Channels)), Vector512.Load(tile + (13 * Channels)));
        var t14 = Avx512F.UnpackLow(Vector512.Load(tile + (14 * Channels)), Vector512.Load(tile + (15 * Channels)));
        var t15 = Avx512F.UnpackHigh(Vector512.Load(tile + (14 * Channels)), Vector512.Load(tile + (15 * Channels)));

        // Stage 2: lane L of u(4k + m) holds channel 4L + m of pixels 4k .. 4k + 3.
        var u0 = Low(t0, t2);
        var u1 = High(t0, t2);
        var u2 = Low(t1, t3);
        var u3 = High(t1, t3);
        var u4 = Low(t4, t6);
        var u5 = High(t4, t6);
        var u6 = Low(t5, t7);
        var u7 = High(t5, t7);
        var u8 = Low(t8, t10);
        var u9 = High(t8, t10);
        var u10 = Low(t9, t11);
        var u11 = High(t9, t11);
        var u12 = Low(t12, t14);
        var u13 = High(t12, t14);
        var u14 = Low(t13, t15);
        var u15 = High(t13, t15);

        // Stages 3 and 4, per m: channel 4L + m of pixel group k is lane L of u(4k + m); gather lane L
        // of the four groups into one vector.
        Lanes(u0, u4, u8, u12, planes, channelStride, 0, valid, relu);
        Lanes(u1, u5, u9, u13, planes, channelStride, 1, valid, relu);
        Lanes(u2, u6, u10, u14, planes, channelStride, 2, valid, relu);
        Lanes(u3, u7, u11, u15, planes, channelStride, 3, valid, relu);
    }

    private static Vector512<float> Low(Vector512<float> a, Vector512<float> b) => Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle();

    private static Vector512<float> High(Vector512<float> a, Vector512<float> b) => Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    // A 4 x 4 transpose of 128-bit lanes: result L (channel 4L + m) takes lane L of g0 .. g3 (pixel groups 0-3).
    private static void Lanes(Vector512<float> g0, Vector512<float> g1, Vector512<float> g2, Vector512<float> g3, float* planes, nint channelStride, int m, Vector512<float> valid, bool relu)
    {
        // 0x88 picks lanes 0 and 2 of each source, 0xDD lanes 1 and 3.
        Vector512<float> w0 = Avx512F.Shuffle4x128(g0, g1, 0x88), w1 = Avx512F.Shuffle4x128(g0, g1, 0xDD);
        Vector512<float> w2 = Avx512F.Shuffle4x128(g2, g3, 0x88), w3 = Avx512F.Shuffle4x128(g2, g3, 0xDD);
        Store(Avx512F.Shuffle4x128(w0, w2, 0x88), planes + (m * channelStride), valid, relu);
        Store(Avx512F.Shuffle4x128(w1, w3, 0x88), planes + ((4 + m) * channelStride), valid, relu);
        Store(Avx512F.Shuffle4x128(w0, w2, 0xDD), planes + ((8 + m) * channelStride), valid, relu);
        Store(Avx512F.Shuffle4x128(w1, w3, 0xDD), planes + ((12 + m) * channelStride), valid, relu);
    }

    private static void Store(Vector512<float> v, float* at, Vector512<float> valid, bool relu) =>
        Avx512F.MaskStore(at, valid, relu ? Avx512F.Max(v, Vector512<float>.Zero) : v);

    // Pool's windows with their winners, by FusedTwoByTwo's chain behind the ReLU: the upper-left
    // input, then each next one (upper-right, lower-left, lower-right) taken where it is above the
    // best so far (the ReLU's outputs hold no NaN). The winner's flat index is top + 2 px plus its
    // offset in the window: 0, 1, rowStride or rowStride + 1.
    private static void PoolWithArgmax(float* tile, int width, int top, int rowStride, float* pooled, int* winners)
    {
        var zero = Vector512<float>.Zero;
        Vector512<int> one = Vector512<int>.One, below = Vector512.Create(rowStride), belowRight = Vector512.Create(rowStride + 1);
        for (var px = 0; px < width / 2; px++)
        {
            var corner = Vector512.Create(top + (2 * px));
            for (var half = 0; half < Channels; half += Vector512<float>.Count)
            {
                float* upper = tile + (2 * px * Channels) + half, lower = upper + (width * Channels);
                var max = Avx512F.Max(Vector512.Load(upper), zero);
                var next = Avx512F.Max(Vector512.Load(upper + Channels), zero);
                var takes = Vector512.GreaterThan(next, max);
                max = Vector512.ConditionalSelect(takes, next, max);
                var offset = Vector512.ConditionalSelect(takes.AsInt32(), one, Vector512<int>.Zero);
                next = Avx512F.Max(Vector512.Load(lower), zero);
                takes = Vector512.GreaterThan(next, max);
                max = Vector512.ConditionalSelect(takes, next, max);
                offset = Vector512.ConditionalSelect(takes.AsInt32(), below, offset);
                next = Avx512F.Max(Vector512.Load(lower + Channels), zero);
                takes = Vector512.GreaterThan(next, max);
                max = Vector512.ConditionalSelect(takes, next, max);
                offset = Vector512.ConditionalSelect(takes.AsInt32(), belowRight, offset);
                max.Store(pooled + (px * Channels) + half);
                (corner + offset).Store(winners + (px * Channels) + half);
            }
        }
    }

    // Two rows of a block's outputs in the tile, [row][pixel][channel], pooled into a row of
    // [pixel][channel]: window px is pixels 2 px and 2 px + 1 of both rows, through the ReLU (max
    // with +0, FusedTwoByTwo's rule), then three maxes.
    private static void Pool(float* tile, int width, float* pooled)
    {
        var zero = Vector512<float>.Zero;
        for (var px = 0; px < width / 2; px++)
        {
            for (var half = 0; half < Channels; half += Vector512<float>.Count)
            {
                float* upper = tile + (2 * px * Channels) + half, lower = upper + (width * Channels);
                var upperMax = Avx512F.Max(Avx512F.Max(Vector512.Load(upper), zero), Avx512F.Max(Vector512.Load(upper + Channels), zero));
                var lowerMax = Avx512F.Max(Avx512F.Max(Vector512.Load(lower), zero), Avx512F.Max(Vector512.Load(lower + Channels), zero));
                Avx512F.Max(upperMax, lowerMax).Store(pooled + (px * Channels) + half);
            }
        }
    }

    /// <summary>A chunk's width, as a type: the JIT compiles <see cref="Chunk"/> once per width, without the other's code.</summary>
    private interface IChunkWidth
    {
        /// <summary>Fourteen pixels (else seven).</summary>
        static abstract bool Wide { get; }
    }

    private readonly struct Fourteen : IChunkWidth
    {
        public static bool Wide => true;
    }

    private readonly struct Seven : IChunkWidth
    {
        public static bool Wide => false;
    }

    // Pixels at..at + 13 (at + 6 when narrow) of the flat layout (one row's chunk), 32 channels each,
    // into tile[pixel][channel]: acc = bias, then acc = w * x + acc for each input channel, ky and kx
    // in turn, as Forward8 sums.
    // weights: the block's packed [channels][kh][kw][32]; bias: [32], or null for none (+0, as the row kernels start)
    private static void Chunk<TWidth>(float* padded, int channels, in PaddedPlanes p, float* weights, float* bias, int at, float* tile)
        where TWidth : struct, IChunkWidth
    {
        int kh = p.KernelHeight, kw = p.KernelWidth, rowStride = p.RowStride, planeStride = p.PlaneStride;
        Vector512<float> low = bias == null ? Vector512<float>.Zero : Vector512.Load(bias), high = bias == null ? Vector512<float>.Zero : Vector512.Load(bias + 16);
        Vector512<float> a0 = low, a1 = low, a2 = low, a3 = low, a4 = low, a5 = low, a6 = low, a7 = low, a8 = low, a9 = low, a10 = low, a11 = low, a12 = low, a13 = low;
        Vector512<float> b0 = high, b1 = high, b2 = high, b3 = high, b4 = high, b5 = high, b6 = high, b7 = high, b8 = high, b9 = high, b10 = high, b11 = high, b12 = high, b13 = high;
        var wk = weights;
        for (var c = 0; c < channels; c++)
        {
            var plane = padded + ((nint)c * planeStride) + at;
            for (var ky = 0; ky < kh; ky++)
            {
                var row = plane + (ky * rowStride);
                for (var kx = 0; kx < kw; kx++, wk += Channels)
                {
                    Vector512<float> w0 = Vector512.Load(wk), w1 = Vector512.Load(wk + 16), x;
                    var s = row + kx;
                    x = Vector512.Create(s[0]);
                    a0 = Vector512.FusedMultiplyAdd(w0, x, a0);
                    b0 = Vector512.FusedMultiplyAdd(w1, x, b0);
                    x = Vector512.Create(s[1]);
                    a1 = Vector512.FusedMultiplyAdd(w0, x, a1);
                    b1 = Vector512.FusedMultiplyAdd(w1, x, b1);
                    x = Vector512.Create(s[2]);
                    a2 = Vector512.FusedMultiplyAdd(w0, x, a2);
                    b2 = Vector512.FusedMultiplyAdd(w1, x, b2);
                    x = Vector512.Create(s[3]);
                    a3 = Vector512.FusedMultiplyAdd(w0, x, a3);
                    b3 = Vector512.FusedMultiplyAdd(w1, x, b3);
                    x = Vector512.Create(s[4]);
                    a4 = Vector512.FusedMultiplyAdd(w0, x, a4);
                    b4 = Vector512.FusedMultiplyAdd(w1, x, b4);
                    x = Vector512.Create(s[5]);
                    a5 = Vector512.FusedMultiplyAdd(w0, x, a5);
                    b5 = Vector512.FusedMultiplyAdd(w1, x, b5);
                    x = Vector512.Create(s[6]);
                    a6 = Vector512.FusedMultiplyAdd(w0, x, a6);
                    b6 = Vector512.FusedMultiplyAdd(w1, x, b6);
                    if (!TWidth.Wide)
                    {
                        continue;
                    }

                    x = Vector512.Create(s[7]);
                    a7 = Vector512.FusedMultiplyAdd(w0, x, a7);
                    b7 = Vector512.FusedMultiplyAdd(w1, x, b7);
                    x = Vector512.Create(s[8]);
                    a8 = Vector512.FusedMultiplyAdd(w0, x, a8);
                    b8 = Vector512.FusedMultiplyAdd(w1, x, b8);
                    x = Vector512.Create(s[9]);
                    a9 = Vector512.FusedMultiplyAdd(w0, x, a9);
                    b9 = Vector512.FusedMultiplyAdd(w1, x, b9);
                    x = Vector512.Create(s[10]);
                    a10 = Vector512.FusedMultiplyAdd(w0, x, a10);
                    b10 = Vector512.FusedMultiplyAdd(w1, x, b10);
                    x = Vector512.Create(s[11]);
                    a11 = Vector512.FusedMultiplyAdd(w0, x, a11);
                    b11 = Vector512.FusedMultiplyAdd(w1, x, b11);
                    x = Vector512.Create(s[12]);
                    a12 = Vector512.FusedMultiplyAdd(w0, x, a12);
                    b12 = Vector512.FusedMultiplyAdd(w1, x, b12);
                    x = Vector512.Create(s[13]);
                    a13 = Vector512.FusedMultiplyAdd(w0, x, a13);
                    b13 = Vector512.FusedMultiplyAdd(w1, x, b13);
                }
            }
        }

        a0.Store(tile + 0);
        b0.Store(tile + 16);
        a1.Store(tile + 32);
        b1.Store(tile + 48);
        a2.Store(tile + 64);
        b2.Store(tile + 80);
        a3.Store(tile + 96);
        b3.Store(tile + 112);
        a4.Store(tile + 128);
        b4.Store(tile + 144);
        a5.Store(tile + 160);
        b5.Store(tile + 176);
        a6.Store(tile + 192);
        b6.Store(tile + 208);
        if (!TWidth.Wide)
        {
            return;
        }

        a7.Store(tile + 224);
        b7.Store(tile + 240);
        a8.Store(tile + 256);
        b8.Store(tile + 272);
        a9.Store(tile + 288);
        b9.Store(tile + 304);
        a10.Store(tile + 320);
        b10.Store(tile + 336);
        a11.Store(tile + 352);
        b11.Store(tile + 368);
        a12.Store(tile + 384);
        b12.Store(tile + 400);
        a13.Store(tile + 416);
        b13.Store(tile + 432);
    }
}
