using FsCheck.Xunit;
using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Tests.Kernels;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// A convolution carrying its ReLU (<see cref="Conv2DLayer.Activation"/>) must give, to the bit, what
/// the convolution and a separate <see cref="ActivationLayer"/> give: the same output, and the same
/// parameter and input gradients when the ReLU's backward is run first. Random shapes, strides 1
/// (the direct kernels) and 2 (im2col), both paddings, 1 or 2 threads, fresh or accumulating dx;
/// the direct kernels on every ISA path the machine has.
/// </summary>
public class FusedReluConvTests
{
    [Property(MaxTest = 60)]
    public void AConvolutionWithItsReluIsTheTwoLayersBitForBit(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 606);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        var k = 1 + rng.NextInt(4);
        var g = new Conv2DGeometry(1 + rng.NextInt(5), 1 + rng.NextInt(10), k + rng.NextInt(12), k + rng.NextInt(20), k, k, 1 + rng.NextInt(2), padding);
        int batch = 1 + rng.NextInt(5), threads = 1 + rng.NextInt(2);
        var dxIsZero = rng.NextInt(2) == 0;
        Check(g, batch, threads, dxIsZero, ref rng, $"{g} batch {batch} threads {threads} dxIsZero {dxIsZero}");
    }

    [Property(MaxTest = 40)]
    public void TheDirectKernelsFuseItOnEveryPath(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 707);
        var k = 1 + rng.NextInt(4);
        var g = new Conv2DGeometry(1 + rng.NextInt(5), 1 + rng.NextInt(10), k + rng.NextInt(12), k + rng.NextInt(20), k, k, 1, rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid);
        int batch = 1 + rng.NextInt(5), threads = 1 + rng.NextInt(2);
        var x = LayerCheck.Random(ref rng, batch * g.InChannels * g.InPlane);
        var w = LayerCheck.Random(ref rng, g.WeightCount);
        var b = LayerCheck.Random(ref rng, g.OutChannels);
        var dy = LayerCheck.Random(ref rng, batch * g.OutChannels * g.OutPlane);
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var context = $"{g} batch {batch} threads {threads} {isa}";
            var z = new float[dy.Length];
            DirectConv2D.Forward(x, w, b, g, batch, threads, z, scratch, isa);
            var y = new float[dy.Length];
            DirectConv2D.Forward(x, w, b, g, batch, threads, y, scratch, isa, relu: true);
            var expected = new float[dy.Length];
            ElementWise.Relu(z, expected, isa);
            Assert.True(expected.SequenceEqual(y), $"y ({context})");

            var dz = new float[dy.Length];
            ElementWise.ReluBackward(y, dy, dz, isa);
            float[] expectedDw = new float[w.Length], expectedDb = new float[b.Length], expectedDx = new float[x.Length];
            DirectConv2D.Backward(dz, x, w, g, batch, threads, expectedDw, expectedDb, expectedDx, scratch, isa);
            float[] dw = new float[w.Length], db = new float[b.Length], dx = new float[x.Length];
            DirectConv2D.Backward(dy, x, w, g, batch, threads, dw, db, dx, scratch, isa, reluOutput: y);
            Assert.True(expectedDw.SequenceEqual(dw), $"dw ({context})");
            Assert.True(expectedDb.SequenceEqual(db), $"db ({context})");
            Assert.True(expectedDx.SequenceEqual(dx), $"dx ({context})");
        }
    }

    private static void Check(Conv2DGeometry g, int batch, int threads, bool dxIsZero, ref Xoshiro256 rng, string context)
    {
        Conv2DLayer fused = new(g, "conv", Activation.Relu), plain = new(g, "conv");
        var relu = new ActivationLayer(Activation.Relu, plain.OutputSize);
        var x = LayerCheck.Random(ref rng, batch * plain.InputSize);
        var parameters = LayerCheck.Random(ref rng, plain.ParameterCount);
        LayerScratch fusedScratch = new(new float[fused.ScratchSize(batch).Floats], []), plainScratch = new(new float[plain.ScratchSize(batch).Floats], []);

        var z = new float[batch * plain.OutputSize];
        var expected = new float[z.Length];
        plain.Forward(x, parameters, batch, training: true, threads, z, plainScratch);
        relu.Forward(z, [], batch, training: true, threads, expected, default);
        var y = new float[z.Length];
        fused.Forward(x, parameters, batch, training: true, threads, y, fusedScratch);
        Assert.True(expected.SequenceEqual(y), $"y ({context})");
        Assert.Contains(0f, y); // the ReLU had something to cut

        var dy = LayerCheck.Random(ref rng, y.Length);
        var dx0 = dxIsZero ? new float[x.Length] : LayerCheck.Random(ref rng, x.Length);
        var dp0 = LayerCheck.Random(ref rng, parameters.Length);
        var dz = new float[z.Length];
        relu.Backward(z, expected, dy, [], batch, threads, [], dz, default, dParametersAreZero: false, dxIsZero: false);
        float[] expectedDx = (float[])dx0.Clone(), expectedDp = (float[])dp0.Clone();
        plain.Backward(x, z, dz, parameters, batch, threads, expectedDp, expectedDx, plainScratch, dParametersAreZero: false, dxIsZero);
        float[] dx = (float[])dx0.Clone(), dp = (float[])dp0.Clone();
        fused.Backward(x, y, dy, parameters, batch, threads, dp, dx, fusedScratch, dParametersAreZero: false, dxIsZero);
        Assert.True(expectedDp.SequenceEqual(dp), $"d parameters ({context})");
        Assert.True(expectedDx.SequenceEqual(dx), $"dx ({context})");
    }

    [Fact]
    public void OnlyReluOrNothingIsCarried() =>
        Assert.Throws<ArgumentException>(() => new Conv2DLayer(new Conv2DGeometry(1, 1, 4, 4, 3, 3, 1, Conv2DPadding.Same), "conv", Activation.Sigmoid));
}
