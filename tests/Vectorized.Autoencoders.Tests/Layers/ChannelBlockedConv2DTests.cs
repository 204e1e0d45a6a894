using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// A wide convolution without pooling, or with a ReLU and a 2x2 pooling (with its argmax in training,
/// without in inference), goes along the output channels on AVX-512 (<see cref="ChannelBlockedConv2D"/>);
/// it must give, to the bit, what the row kernels give on AVX2, the argmax included: random input
/// channels, kernel sizes, paddings, up-sampling, with and without the ReLU, rows of 7 to 56 outputs, 32 or 64
/// output channels, 1 or 2 threads, and inputs with ties, signed zeros and NaNs. The same for the
/// backward pass's input gradient, a transposed convolution the same path takes.
/// </summary>
public class ChannelBlockedConv2DTests
{
    [Property(MaxTest = 60)]
    public void TheForwardPassAlongTheChannelsIsTheRowKernelsBitForBit(int seed)
    {
        if (IsaSelector.Hardware < Isa.Avx512)
        {
            // The path is AVX-512's alone; elsewhere the row kernels run and Conv2DStepTests covers them.
            Assert.False(ChannelBlockedConv2D.Supports(Geometry(32, 3, ChannelBlockedConv2D.Pixels, Conv2DPadding.Same), Pooled(Geometry(32, 3, ChannelBlockedConv2D.Pixels, Conv2DPadding.Same)), true, IsaSelector.Hardware));
            return;
        }

        var rng = new Xoshiro256((ulong)(uint)seed + 1414UL);
        var k = 1 + rng.NextInt(5);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        // Enough input channels for MinProducts products per output, and up to 20 more.
        var inChannels = ((ChannelBlockedConv2D.MinProducts + (k * k) - 1) / (k * k)) + rng.NextInt(21);
        // A pooled layer's rows are whole 14-pixel chunks; an unpooled one's may be 7-pixel ones (7 to 49).
        var pooled = rng.NextInt(2) == 0;
        var width = pooled || rng.NextInt(2) == 0 ? ChannelBlockedConv2D.Pixels * (1 + rng.NextInt(4)) : ChannelBlockedConv2D.NarrowPixels * (1 + (2 * rng.NextInt(4)));
        var g = Geometry(inChannels, k, width, padding, outChannels: 32 * (1 + rng.NextInt(2)), outHeight: 2 * (1 + rng.NextInt(8)));
        var up = padding == Conv2DPadding.Same && g.InWidth % 2 == 0 && rng.NextInt(2) == 0 ? 2 : 1;
        var relu = pooled || rng.NextInt(2) == 0;
        var fusion = new Conv2DFusion(up, pooled ? Pooled(g).Pool : null);
        Assert.True(ChannelBlockedConv2D.Supports(g, fusion, relu, Isa.Avx512), $"{g}");
        Assert.False(ChannelBlockedConv2D.Supports(g, fusion, relu, Isa.Avx2));
        var few = Geometry((ChannelBlockedConv2D.MinProducts - 1) / (k * k), k, ChannelBlockedConv2D.Pixels, padding);
        Assert.False(ChannelBlockedConv2D.Supports(few, Pooled(few), relu: true, Isa.Avx512));

        int batch = 1 + rng.NextInt(4), threads = 1 + rng.NextInt(2);
        var x = LayerCheck.Random(ref rng, g.InChannels * batch * fusion.InputPlane(g));
        var w = LayerCheck.Random(ref rng, g.WeightCount, -0.3, 0.3);
        var b = LayerCheck.Random(ref rng, g.OutChannels);
        if (rng.NextInt(2) == 0)
        {
            // Ties, signed zeros and NaNs, which the ReLU turns into +0.
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = rng.NextInt(40) == 0 ? float.NaN : rng.NextInt(3) - 1;
            }

            for (var i = 0; i < w.Length; i++)
            {
                w[i] = rng.NextInt(3) - 1;
            }
        }

        var outputs = g.OutChannels * batch * fusion.OutputPlane(g);
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        // The row kernels on AVX2 (the same sums in the same order on every path, the same pooling
        // rule), keeping the argmax where there is a pooling; then the channel path in training (with
        // the argmax) and in inference (without).
        float[] expected = new float[outputs], actual = new float[outputs];
        int[] expectedArgmax = pooled ? new int[outputs] : [], actualArgmax = pooled ? new int[outputs] : [];
        DirectConv2D.Forward(x, w, b, g, fusion, batch, threads, expected, expectedArgmax, scratch, Isa.Avx2, relu);
        DirectConv2D.Forward(x, w, b, g, fusion, batch, threads, actual, actualArgmax, scratch, Isa.Avx512, relu);
        var context = $"{g} up {up} pooled {pooled} relu {relu} batch {batch} threads {threads}";
        Assert.True(expected.SequenceEqual(actual), context);
        Assert.True(expectedArgmax.SequenceEqual(actualArgmax), $"{context}: the argmax");
        if (pooled)
        {
            Array.Clear(actual);
            DirectConv2D.Forward(x, w, b, g, fusion, batch, threads, actual, [], scratch, Isa.Avx512, relu);
            Assert.True(expected.SequenceEqual(actual), $"{context}, without the argmax");
        }
    }

    [Property(MaxTest = 40)]
    public void TheInputGradientAlongTheChannelsIsTheRowKernelsBitForBit(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 1515UL);
        var k = 1 + rng.NextInt(5);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        // The transposed convolution reads dy's output channels (enough for MinProducts products per
        // gradient, and up to 20 more) and writes 32 or 64 planes of the input's size, whose rows
        // are whole chunks: 7 to 56 wide (a valid convolution's input is k - 1 wider than its output).
        var outChannels = ((ChannelBlockedConv2D.MinProducts + (k * k) - 1) / (k * k)) + rng.NextInt(21);
        int inChannels = 32 * (1 + rng.NextInt(2)), inWidth = ChannelBlockedConv2D.NarrowPixels * (1 + rng.NextInt(8)), inHeight = 1 + rng.NextInt(6);
        var up = padding == Conv2DPadding.Same && inWidth % 2 == 0 && rng.NextInt(2) == 0 ? 2 : 1;
        inHeight *= up;
        var g = padding == Conv2DPadding.Same
            ? new Conv2DGeometry(inChannels, outChannels, inHeight, inWidth, k, k, 1, padding)
            : new Conv2DGeometry(inChannels, outChannels, inHeight + k - 1, inWidth, k, k, 1, padding);
        if (IsaSelector.Hardware < Isa.Avx512)
        {
            Assert.False(ChannelBlockedConv2D.SupportsInputGradient(g, IsaSelector.Hardware));
            return;
        }

        Assert.True(ChannelBlockedConv2D.SupportsInputGradient(g, Isa.Avx512), $"{g}");
        Assert.False(ChannelBlockedConv2D.SupportsInputGradient(g, Isa.Avx2));
        var few = new Conv2DGeometry(inChannels, (ChannelBlockedConv2D.MinProducts - 1) / (k * k), g.InHeight, g.InWidth, k, k, 1, padding);
        Assert.False(ChannelBlockedConv2D.SupportsInputGradient(few, Isa.Avx512));

        var fusion = new Conv2DFusion(up, null);
        int batch = 1 + rng.NextInt(4), threads = 1 + rng.NextInt(2), inputs = g.InChannels * batch * fusion.InputPlane(g), outputs = g.OutChannels * batch * g.OutPlane;
        var x = LayerCheck.Random(ref rng, inputs);
        var w = LayerCheck.Random(ref rng, g.WeightCount, -0.3, 0.3);
        var dy = LayerCheck.Random(ref rng, outputs);
        if (rng.NextInt(2) == 0)
        {
            // Signed zeros and exact ties of the products, and NaNs: each must land where the row kernels put it.
            for (var i = 0; i < dy.Length; i++)
            {
                dy[i] = rng.NextInt(40) == 0 ? float.NaN : (rng.NextInt(3) - 1) * (rng.NextInt(2) == 0 ? 1f : -0f);
            }

            for (var i = 0; i < w.Length; i++)
            {
                w[i] = rng.NextInt(3) - 1;
            }
        }

        var dxIsZero = rng.NextInt(2) == 0;
        var start = dxIsZero ? new float[inputs] : LayerCheck.Random(ref rng, inputs);
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        float[] expectedDx = (float[])start.Clone(), actualDx = (float[])start.Clone();
        float[] expectedDw = new float[g.WeightCount], actualDw = new float[g.WeightCount], expectedDb = new float[outChannels], actualDb = new float[outChannels];
        DirectConv2D.Backward(dy, x, w, g, fusion, batch, threads, new float[g.WeightCount], new float[outChannels], expectedDx, [], scratch, Isa.Avx2, dxIsZero, []);
        DirectConv2D.Backward(dy, x, w, g, fusion, batch, threads, actualDw, actualDb, actualDx, [], scratch, Isa.Avx512, dxIsZero, []);
        var context = $"{g} up {up} batch {batch} threads {threads} dxIsZero {dxIsZero}";
        Assert.True(Bits(expectedDx).SequenceEqual(Bits(actualDx)), context);
        // The weight and bias gradients (whose lanes each path sums its own way) are those of the
        // same path computing no input gradient: the channel path leaves them alone.
        DirectConv2D.Backward(dy, x, w, g, fusion, batch, threads, expectedDw, expectedDb, [], [], scratch, Isa.Avx512, dxIsZero, []);
        Assert.True(Bits(expectedDw).SequenceEqual(Bits(actualDw)), context);
        Assert.True(Bits(expectedDb).SequenceEqual(Bits(actualDb)), context);
    }

    private static IEnumerable<int> Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits);

    // A geometry whose output rows are outWidth wide.
    private static Conv2DGeometry Geometry(int inChannels, int k, int outWidth, Conv2DPadding padding, int outChannels = 32, int outHeight = 2) =>
        padding == Conv2DPadding.Same
            ? new Conv2DGeometry(inChannels, outChannels, outHeight, outWidth, k, k, 1, padding)
            : new Conv2DGeometry(inChannels, outChannels, outHeight + k - 1, outWidth + k - 1, k, k, 1, padding);

    private static Conv2DFusion Pooled(in Conv2DGeometry g) =>
        new(1, new MaxPool2DGeometry(g.OutHeight, g.OutWidth, 2, 2, Conv2DPadding.Valid));
}
