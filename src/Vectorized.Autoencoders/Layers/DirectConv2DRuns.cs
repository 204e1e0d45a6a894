using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// One run of images of <see cref="DirectConv2D"/>, on one thread, in the run's own scratch slot:
/// per image, pad the planes it reads, run the register blocks over them, copy the valid outputs out.
/// </summary>
internal static unsafe class DirectConv2DRuns
{
    // x: [inChannels, batch, inHeight, inWidth], w: [outChannels, inChannels, kh, kw], b: [outChannels]
    // y: [outChannels, batch, outHeight, outWidth]; slot: DirectConv2D.PartLength(g) floats, aligned to a cache line
    // relu: the layer's fused activation, applied as the outputs are copied out
    // clear: the slot's padding may hold anything (its first run in this call), else it is still zero
    public static void Forward<TVec, TOps>(in Conv2DGeometry g, int batch, int part, float* x, float* w, float* b, float* y, bool relu, float* slot, bool clear)
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

        var (first, end) = DirectConv2D.Images(part, batch);
        for (var n = first; n < end; n++)
        {
            PadChannels<TVec, TOps>(p, x, g.InChannels, batch, n, padded);
            Convolve<TVec, TOps>(padded, g.InChannels, p, w, g.OutChannels, b, flat);
            for (var o = 0; o < g.OutChannels; o++)
            {
                if (relu)
                {
                    p.GatherRelu<TVec, TOps>(flat + ((nint)o * p.Flat), Plane(y, o, batch, n, g.OutPlane));
                }
                else
                {
                    p.Gather<TVec, TOps>(flat + ((nint)o * p.Flat), Plane(y, o, batch, n, g.OutPlane));
                }
            }
        }
    }

    /// <summary>
    /// The weight gradient's partial sums over this run's images into <paramref name="partial"/>
    /// (written, not added), and, unless dx is null, the input gradient of its images added onto dx
    /// (written, when <paramref name="dxIsZero"/> says nothing has added to it yet). The images go
    /// in groups of <see cref="DirectConv2D.GroupImages"/>: a group's input planes and dy are laid out
    /// at once, so each kernel call keeps its accumulators in registers over the whole group.
    /// </summary>
    // dy: [outChannels, batch, outHeight, outWidth], x: [inChannels, batch, inHeight, inWidth]
    // flipped: [inChannels, outChannels, kh, kw] (the kernel of the transposed convolution)
    // dx: [inChannels, batch, inHeight, inWidth] or null; slot: DirectConv2D.PartLength(g) floats; partial: [weightCount]
    // reluOutput: the layer's output when a ReLU is fused (dy then passes where it is above zero), else null
    public static void Backward<TVec, TOps>(in Conv2DGeometry g, int batch, int part, float* dy, float* reluOutput, float* x, float* flipped, float* dx, bool dxIsZero, float* slot, bool clear, float* partial)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        PaddedPlanes p = PaddedPlanes.Forward(g), t = PaddedPlanes.Transposed(g);
        var group = DirectConv2D.GroupImages(g);
        int xImage = g.InChannels * p.PlaneStride, dyImage = g.OutChannels * p.Flat;
        var padded = slot;
        var spread = padded + ((nint)group * xImage);
        var acc = spread + ((nint)group * dyImage);
        var paddedDy = acc + ((nint)g.WeightCount * DirectConv2D.AccumulatorStride);
        var flat = paddedDy + ((nint)g.OutChannels * t.PlaneStride);
        // Padding and junk: everything but the planes' own floats, which each image rewrites. The
        // accumulators need no clearing (the first group starts them at zero), nor the transposed
        // pass's flat outputs (written whole).
        if (clear)
        {
            new Span<float>(slot, (int)(acc - slot)).Clear();
            new Span<float>(paddedDy, (int)(flat - paddedDy)).Clear();
        }

        var (first, end) = DirectConv2D.Images(part, batch);
        for (var n0 = first; n0 < end; n0 += group)
        {
            var images = Math.Min(group, end - n0);
            for (var i = 0; i < images; i++)
            {
                PadChannels<TVec, TOps>(p, x, g.InChannels, batch, n0 + i, padded + ((nint)i * xImage));
                for (var o = 0; o < g.OutChannels; o++)
                {
                    p.Spread<TVec, TOps>(Plane(dy, o, batch, n0 + i, g.OutPlane), spread + ((nint)i * dyImage) + ((nint)o * p.Flat), Plane(reluOutput, o, batch, n0 + i, g.OutPlane));
                }
            }

            WeightGradient<TVec, TOps>(spread, padded, g, p, new ImageGroup(images, p.Flat, dyImage, xImage, n0 == first), acc);
            if (dx == null)
            {
                continue;
            }

            for (var n = n0; n < n0 + images; n++)
            {
                PadChannels<TVec, TOps>(t, dy, g.OutChannels, batch, n, paddedDy, reluOutput);
                Convolve<TVec, TOps>(paddedDy, g.OutChannels, t, flipped, g.InChannels, null, flat);
                for (var c = 0; c < g.InChannels; c++)
                {
                    if (dxIsZero)
                    {
                        t.Gather<TVec, TOps>(flat + ((nint)c * t.Flat), Plane(dx, c, batch, n, g.InPlane));
                    }
                    else
                    {
                        t.GatherAdd<TVec, TOps>(flat + ((nint)c * t.Flat), Plane(dx, c, batch, n, g.InPlane));
                    }
                }
            }
        }

        // Each accumulator's lanes summed as TOps.Sum adds them; sixteen at a time on AVX-512.
        var k = TOps.Count == Vector512<float>.Count ? DirectConv2DKernels.SumAccumulators512(acc, g.WeightCount, partial) : 0;
        for (; k < g.WeightCount; k++)
        {
            partial[k] = TOps.Sum(TOps.Load(acc + ((nint)k * DirectConv2D.AccumulatorStride)));
        }
    }

    // Every output channel's flat plane from the padded input planes: blocks of four channels, then one at a time.
    // padded: [channels][p.PlaneStride]; w: [outChannels, channels, kh, kw]; b: [outChannels] or null; flat: [outChannels][p.Flat]
    private static void Convolve<TVec, TOps>(float* padded, int channels, in PaddedPlanes p, float* w, int outChannels, float* b, float* flat)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var row = channels * p.KernelHeight * p.KernelWidth;
        var o = 0;
        if (TOps.Count >= 16)
        {
            for (; o + 8 <= outChannels; o += 8)
            {
                DirectConv2DKernels.Forward8<TVec, TOps>(padded, channels, p, w + ((nint)o * row), row, b == null ? null : b + o, flat + ((nint)o * p.Flat));
            }
        }

        for (; o + 4 <= outChannels; o += 4)
        {
            DirectConv2DKernels.Forward4<TVec, TOps>(padded, channels, p, w + ((nint)o * row), row, b == null ? null : b + o, flat + ((nint)o * p.Flat));
        }

        for (; o < outChannels; o++)
        {
            DirectConv2DKernels.Forward1<TVec, TOps>(padded, channels, p, w + ((nint)o * row), b == null ? null : b + o, flat + ((nint)o * p.Flat));
        }
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

    // source, mask: [channels, batch, plane] (mask, a fused ReLU's output, may be null); padded: [channels][p.PlaneStride]
    private static void PadChannels<TVec, TOps>(in PaddedPlanes p, float* source, int channels, int batch, int n, float* padded, float* mask = null)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var plane = p.InHeight * p.InWidth;
        for (var c = 0; c < channels; c++)
        {
            p.Pad<TVec, TOps>(Plane(source, c, batch, n, plane), padded + ((nint)c * p.PlaneStride), Plane(mask, c, batch, n, plane));
        }
    }

    // Plane (channel c, image n) of a [channels, batch, plane] tensor; null for a null tensor.
    private static float* Plane(float* tensor, int c, int batch, int n, int plane) =>
        tensor == null ? null : tensor + ((((nint)c * batch) + n) * plane);
}
