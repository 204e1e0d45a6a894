using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// One run of images of <see cref="DirectConv2D"/>, on one thread, in the run's own scratch slot:
/// per image, pad the planes it reads, run the register blocks over them, copy the valid outputs out.
/// </summary>
internal static unsafe class DirectConv2DRuns
{
    // x: [inChannels, batch, fusion.InputPlane], w: [outChannels, inChannels, kh, kw], b: [outChannels]
    // y (and argmax, when pooling): [outChannels, batch, fusion.OutputPlane]; slot: DirectConv2D.PartLength(g) floats, aligned to a cache line
    // relu: the layer's fused activation, applied as the outputs are copied out (or pooled)
    // clear: the slot's padding may hold anything (its first run in this call), else it is still zero
    // channelBlocked: the weights packed by ChannelBlockedConv2D.Pack where that path computes the outputs, else null
    public static void Forward<TVec, TOps>(
        in Conv2DGeometry g, in Conv2DFusion fusion, int batch, int part, float* x, float* w, float* b, float* y, int* argmax, bool relu,
        float* channelBlocked, float* slot, bool clear, Isa isa)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var p = PaddedPlanes.Forward(g);
        var padded = slot;
        var flat = slot + ((nint)g.InChannels * p.PlaneStride);
        if (clear)
        {
            new Span<float>(padded, g.InChannels * p.PlaneStride).Clear();
        }

        var outPlane = fusion.OutputPlane(g);
        var (first, end) = DirectConv2D.Images(part, batch);
        var inPlane = fusion.InputPlane(g);
        for (var n = first; n < end; n++)
        {
            // The next image's input planes, one per channel, batch planes apart: copying them in
            // waited on memory (13 % of the denoiser's 32-channel layer, on the load).
            if (n + 1 < end)
            {
                PlanePrefetch.Image(x, g.InChannels, batch, n + 1, inPlane);
            }

            PadChannels<TVec, TOps>(p, fusion.Up, x, g.InChannels, batch, n, padded);
            if (channelBlocked != null)
            {
                if (fusion.Pool.HasValue)
                {
                    // The flat planes' room, unused on this path, holds a block's pooled planes (and argmax) channel-last.
                    ChannelBlockedConv2D.Image(padded, g.InChannels, p, g.OutChannels, channelBlocked, b, flat, Plane(y, 0, batch, n, outPlane), Plane(argmax, 0, batch, n, outPlane), (nint)batch * outPlane);
                }
                else
                {
                    ChannelBlockedConv2D.ImageUnpooled(padded, g.InChannels, p, g.OutChannels, channelBlocked, b, relu, Plane(y, 0, batch, n, outPlane), (nint)batch * outPlane, p.OutWidth);
                }

                continue;
            }

            for (var block = 0; block < g.OutChannels;)
            {
                // Each block's planes are pooled (or copied out) as soon as it has computed them,
                // still in the L1 cache: all the channels' are 107 KB at 32 x 28 x 30.
                var next = block + ConvolveBlock<TVec, TOps>(padded, g.InChannels, p, w, g.OutChannels, b, block, flat);
                for (var o = block; o < next; o++)
                {
                    var plane = flat + ((nint)o * p.Flat);
                    if (fusion.Pool is { } pool)
                    {
                        // Through the ReLU first, as the separate layers apply it: the pooling then sees
                        // (and ties) exactly what the pooling layer saw.
                        FusedPlanes.Pool<TVec, TOps>(plane, p.Flat, p.RowStride, pool, relu, Plane(y, o, batch, n, outPlane), Plane(argmax, o, batch, n, outPlane), isa);
                    }
                    else if (relu)
                    {
                        p.GatherRelu<TVec, TOps>(plane, Plane(y, o, batch, n, outPlane));
                    }
                    else
                    {
                        p.Gather<TVec, TOps>(plane, Plane(y, o, batch, n, outPlane));
                    }
                }

                block = next;
            }
        }
    }

    /// <summary>
    /// The weight and bias gradients' partial sums over this run's images into <paramref name="partial"/>
    /// (written, not added: DirectConv2D.PartialCount floats), and, unless dx is null, the input
    /// gradient of its images added onto dx (written, when <paramref name="dxIsZero"/> says nothing has
    /// added to it yet). The images go in groups of <see cref="DirectConv2D.GroupImages"/>: a group's
    /// input planes and dy are laid out at once, so each kernel call keeps its accumulators in registers
    /// over the whole group; the input gradient then reads each image's dy from that flat copy.
    /// </summary>
    // dy (and argmax, when pooling): [outChannels, batch, fusion.OutputPlane], x: [inChannels, batch, fusion.InputPlane]
    // flipped: [inChannels, outChannels, kh, kw] (the kernel of the transposed convolution)
    // dx: [inChannels, batch, fusion.InputPlane] or null; slot: DirectConv2D.PartLength(g) floats
    // reluOutput: the layer's output when a ReLU is fused (dy then passes where it is above zero), else null
    // channelBlocked: true where ChannelBlockedConv2D computes the input gradient; flipped is then
    // its packed kernel (ChannelBlockedConv2D.PackFlipped)
    public static void Backward<TVec, TOps>(
        in Conv2DGeometry g, in Conv2DFusion fusion, int batch, int part, float* dy, float* reluOutput, int* argmax, float* x, float* flipped, float* dx, bool dxIsZero,
        bool channelBlocked, float* slot, bool clear, float* partial, Isa isa)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        PaddedPlanes p = PaddedPlanes.Forward(g), t = PaddedPlanes.Transposed(g);
        var group = DirectConv2D.GroupImages(g);
        int xImage = g.InChannels * p.PlaneStride, dyImage = g.OutChannels * p.Flat, outPlane = fusion.OutputPlane(g), inPlane = fusion.InputPlane(g);
        var padded = slot;
        var spread = padded + ((nint)group * xImage);
        var acc = spread + ((nint)group * dyImage);
        var biasAcc = acc + ((nint)g.WeightCount * DirectConv2D.AccumulatorStride);
        var paddedDy = acc + ((nint)DirectConv2D.PartialCount(g) * DirectConv2D.AccumulatorStride);
        var flat = paddedDy + ((nint)g.OutChannels * t.PlaneStride);
        // Padding and junk: everything but the planes' own floats, which each image rewrites. The
        // weight accumulators need no clearing (the first group starts them at zero), nor the
        // transposed pass's flat outputs (written whole); the bias accumulators start at zero here.
        if (clear)
        {
            new Span<float>(slot, (int)(acc - slot)).Clear();
            new Span<float>(paddedDy, (int)(flat - paddedDy)).Clear();
        }

        new Span<float>(biasAcc, g.OutChannels * DirectConv2D.AccumulatorStride).Clear();
        var (first, end) = DirectConv2D.Images(part, batch);
        for (var n0 = first; n0 < end; n0 += group)
        {
            var images = Math.Min(group, end - n0);
            for (var i = 0; i < images; i++)
            {
                var n = n0 + i;
                if (n + 1 < end)
                {
                    PlanePrefetch.Image(x, g.InChannels, batch, n + 1, inPlane);
                    PlanePrefetch.Image(dy, g.OutChannels, batch, n + 1, outPlane);
                    PlanePrefetch.Image(reluOutput, g.OutChannels, batch, n + 1, outPlane);
                    if (fusion.Pool.HasValue)
                    {
                        PlanePrefetch.Image(argmax, g.OutChannels, batch, n + 1, outPlane);
                    }
                }

                PadChannels<TVec, TOps>(p, fusion.Up, x, g.InChannels, batch, n, padded + ((nint)i * xImage));
                for (var o = 0; o < g.OutChannels; o++)
                {
                    var target = spread + ((nint)i * dyImage) + ((nint)o * p.Flat);
                    if (fusion.Pool.HasValue)
                    {
                        FusedPlanes.SpreadPooled<TVec, TOps>(Plane(dy, o, batch, n, outPlane), Plane(reluOutput, o, batch, n, outPlane), Plane(argmax, o, batch, n, outPlane), outPlane, target, p.Flat);
                    }
                    else
                    {
                        p.Spread<TVec, TOps>(Plane(dy, o, batch, n, outPlane), target, Plane(reluOutput, o, batch, n, outPlane));
                    }

                    FusedPlanes.AddPlane<TVec, TOps>(target, p.Flat, biasAcc + ((nint)o * DirectConv2D.AccumulatorStride));
                }
            }

            WeightGradient<TVec, TOps>(spread, padded, g, p, new ImageGroup(images, p.Flat, dyImage, xImage, n0 == first), acc);
            if (dx == null)
            {
                continue;
            }

            for (var i = 0; i < images; i++)
            {
                var n = n0 + i;
                for (var o = 0; o < g.OutChannels; o++)
                {
                    t.PadFrom<TVec, TOps>(spread + ((nint)i * dyImage) + ((nint)o * p.Flat), p.RowStride, paddedDy + ((nint)o * t.PlaneStride));
                }

                if (channelBlocked)
                {
                    ChannelBlockedConv2D.ImageUnpooled(paddedDy, g.OutChannels, t, g.InChannels, flipped, null, relu: false, flat, t.Flat, t.RowStride);
                }
                else
                {
                    Convolve<TVec, TOps>(paddedDy, g.OutChannels, t, flipped, g.InChannels, null, flat);
                }

                for (var c = 0; c < g.InChannels; c++)
                {
                    var source = flat + ((nint)c * t.Flat);
                    var target = Plane(dx, c, batch, n, inPlane);
                    if (fusion.Up > 1)
                    {
                        FusedPlanes.GatherDownsampled(t, source, fusion.Up, target, dxIsZero, isa);
                    }
                    else if (dxIsZero)
                    {
                        t.Gather<TVec, TOps>(source, target);
                    }
                    else
                    {
                        t.GatherAdd<TVec, TOps>(source, target);
                    }
                }
            }
        }

        // Each accumulator's lanes summed as TOps.Sum adds them; sixteen at a time on AVX-512.
        var count = DirectConv2D.PartialCount(g);
        var k = TOps.Count == Vector512<float>.Count ? DirectConv2DKernels.SumAccumulators512(acc, count, partial) : 0;
        for (; k < count; k++)
        {
            partial[k] = TOps.Sum(TOps.Load(acc + ((nint)k * DirectConv2D.AccumulatorStride)));
        }
    }

    // Every output channel's flat plane from the padded input planes, block by block.
    // padded: [channels][p.PlaneStride]; w: [outChannels, channels, kh, kw]; b: [outChannels] or null; flat: [outChannels][p.Flat]
    private static void Convolve<TVec, TOps>(float* padded, int channels, in PaddedPlanes p, float* w, int outChannels, float* b, float* flat)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        for (var o = 0; o < outChannels;)
        {
            o += ConvolveBlock<TVec, TOps>(padded, channels, p, w, outChannels, b, o, flat);
        }
    }

    // The flat planes of one block of output channels from o on: eight with AVX-512's registers, four,
    // or the one left. Returns how many it computed. Arguments as Convolve's.
    private static int ConvolveBlock<TVec, TOps>(float* padded, int channels, in PaddedPlanes p, float* w, int outChannels, float* b, int o, float* flat)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var row = channels * p.KernelHeight * p.KernelWidth;
        float* weights = w + ((nint)o * row), bias = b == null ? null : b + o, planes = flat + ((nint)o * p.Flat);
        if (TOps.Count >= 16 && o + 8 <= outChannels)
        {
            DirectConv2DKernels.Forward8<TVec, TOps>(padded, channels, p, weights, row, bias, planes);
            return 8;
        }

        if (o + 4 <= outChannels)
        {
            DirectConv2DKernels.Forward4<TVec, TOps>(padded, channels, p, weights, row, bias, planes);
            return 4;
        }

        DirectConv2DKernels.Forward1<TVec, TOps>(padded, channels, p, weights, bias, planes);
        return 1;
    }

    // acc[o, c, tap] += dy[o] . (x[c] shifted by the tap), over a group of images, in blocks of
    // (eight channels with AVX-512's registers, four, or one) x three taps.
    // spread: [images][outChannels][p.Flat] (dy in the flat layout); padded: [images][inChannels][p.PlaneStride];
    // acc: [outChannels, inChannels, kh * kw] vectors of AccumulatorStride floats
    private static void WeightGradient<TVec, TOps>(float* spread, float* padded, in Conv2DGeometry g, in PaddedPlanes p, in ImageGroup images, float* acc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        // Each tap's offset once per group, not a division per kernel call (the calls are short);
        // two spare entries for the last call of three taps, which reads and drops them.
        var taps = g.KernelHeight * g.KernelWidth;
        var offsets = stackalloc int[taps + 2];
        for (var t = 0; t < taps + 2; t++)
        {
            offsets[t] = Offset(p, Math.Min(t, taps - 1));
        }

        var o = 0;
        if (TOps.Count >= 16)
        {
            for (; o + 8 <= g.OutChannels; o += 8)
            {
                GradientBlock<TVec, TOps>(8, o, spread, padded, g, p, images, offsets, acc);
            }
        }

        for (; o + 4 <= g.OutChannels; o += 4)
        {
            GradientBlock<TVec, TOps>(4, o, spread, padded, g, p, images, offsets, acc);
        }

        for (; o < g.OutChannels; o++)
        {
            GradientBlock<TVec, TOps>(1, o, spread, padded, g, p, images, offsets, acc);
        }
    }

    // Output channels [o, o + width) of WeightGradient: one kernel call per input channel and three taps.
    private static void GradientBlock<TVec, TOps>(int width, int o, float* spread, float* padded, in Conv2DGeometry g, in PaddedPlanes p, in ImageGroup images, int* offsets, float* acc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var taps = g.KernelHeight * g.KernelWidth;
        var row = g.InChannels * taps;
        var dy = spread + ((nint)o * p.Flat);
        for (var c = 0; c < g.InChannels; c++)
        {
            var x = padded + ((nint)c * p.PlaneStride);
            for (var t = 0; t < taps; t += 3)
            {
                int offset0 = offsets[t], offset1 = offsets[t + 1], offset2 = offsets[t + 2], count = Math.Min(3, taps - t);
                var at = acc + ((nint)((o * row) + (c * taps) + t) * DirectConv2D.AccumulatorStride);
                switch (width)
                {
                    case 8:
                        DirectConv2DKernels.Gradient8<TVec, TOps>(dy, x, images, offset0, offset1, offset2, count, at, row);
                        break;
                    case 4:
                        DirectConv2DKernels.Gradient4<TVec, TOps>(dy, x, images, offset0, offset1, offset2, count, at, row);
                        break;
                    default:
                        DirectConv2DKernels.Gradient1<TVec, TOps>(dy, x, images, offset0, offset1, offset2, count, at);
                        break;
                }
            }
        }
    }

    // Where tap t = ky kw + kx reads, relative to the output's own flat index.
    private static int Offset(in PaddedPlanes p, int t) => ((t / p.KernelWidth) * p.RowStride) + (t % p.KernelWidth);

    // Image n's planes of x into the padded layout, up-sampled by `up` on the way (x then holds planes `up` times smaller).
    // source: [channels, batch, plane / up^2]; padded: [channels][p.PlaneStride]
    private static void PadChannels<TVec, TOps>(in PaddedPlanes p, int up, float* source, int channels, int batch, int n, float* padded)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var plane = p.InHeight * p.InWidth / (up * up);
        for (var c = 0; c < channels; c++)
        {
            if (up > 1)
            {
                FusedPlanes.PadUpsampled<TVec, TOps>(p, Plane(source, c, batch, n, plane), up, padded + ((nint)c * p.PlaneStride));
            }
            else
            {
                p.Pad<TVec, TOps>(Plane(source, c, batch, n, plane), padded + ((nint)c * p.PlaneStride));
            }
        }
    }

    // Plane (channel c, image n) of a [channels, batch, plane] tensor; null for a null tensor.
    private static float* Plane(float* tensor, int c, int batch, int n, int plane) =>
        tensor == null ? null : tensor + ((((nint)c * batch) + n) * plane);

    private static int* Plane(int* tensor, int c, int batch, int n, int plane) =>
        tensor == null ? null : tensor + ((((nint)c * batch) + n) * plane);
}
