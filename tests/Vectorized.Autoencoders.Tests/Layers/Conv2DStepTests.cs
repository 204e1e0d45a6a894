using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Tests.Kernels;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// A convolution run with its neighbours (<see cref="Conv2DFusion"/>: the up-sampling before it, the
/// max-pooling after it) must give, to the bit, what the separate layers give: the pooled output,
/// and the weight, bias and input gradients. Random shapes, kernel sizes, paddings, up-sampling
/// factors (2 has a vector path, 3 the general one), poolings (2x2 stride 2, ceil-mode edges, 3x3
/// stride 1 windows that overlap), with and without the ReLU, fresh or accumulating dx, 1 or 2
/// threads, on every ISA path the machine has; and the forward pass of inference, which keeps no
/// argmax, gives the same output.
/// </summary>
public class Conv2DStepTests
{
    [Property(MaxTest = 150)]
    public void AConvolutionWithItsNeighboursIsTheSeparateLayersBitForBit(int seed) => Check(seed, special: false);

    /// <summary>
    /// Inputs and weights from {-1, 0, 1}, with a NaN in some inputs: outputs tie often (the pooling
    /// keeps the first of equals), zeros come signed, and a NaN reaches the pooling unless the ReLU
    /// turns it into +0 (without one, a NaN wins its window).
    /// </summary>
    [Property(MaxTest = 100)]
    public void TiesSignedZerosAndNaNsPoolAsInTheSeparateLayers(int seed) => Check(seed, special: true);

    private static void Check(int seed, bool special)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + (special ? 4242UL : 909UL));
        var up = rng.NextInt(3) switch { 0 => 1, 1 => 2, _ => 3 };
        var k = 1 + rng.NextInt(4);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        int low = Math.Max(1, (k + up - 1) / up), height = up * (low + rng.NextInt(6)), width = up * (low + rng.NextInt(9));
        var g = new Conv2DGeometry(1 + rng.NextInt(5), 1 + rng.NextInt(10), height, width, k, k, 1, padding);
        MaxPool2DGeometry? pool = rng.NextInt(4) switch
        {
            0 => null,
            1 => new MaxPool2DGeometry(g.OutHeight, g.OutWidth, 3, 1, Conv2DPadding.Same),
            // A valid 2x2 window needs two rows and columns; same (ceil mode) pools any plane.
            _ => new MaxPool2DGeometry(g.OutHeight, g.OutWidth, 2, 2, g.OutHeight >= 2 && g.OutWidth >= 2 && rng.NextInt(2) == 0 ? Conv2DPadding.Valid : Conv2DPadding.Same),
        };

        var fusion = new Conv2DFusion(up, pool);
        int batch = 1 + rng.NextInt(5), threads = 1 + rng.NextInt(2);
        bool relu = rng.NextInt(3) != 0, dxIsZero = rng.NextInt(2) == 0;
        var x = LayerCheck.Random(ref rng, g.InChannels * batch * fusion.InputPlane(g));
        var w = LayerCheck.Random(ref rng, g.WeightCount);
        if (special)
        {
            Quantize(x, ref rng, nanEvery: 40);
            Quantize(w, ref rng, nanEvery: 0);
        }

        var b = LayerCheck.Random(ref rng, g.OutChannels);
        var outputs = g.OutChannels * batch * fusion.OutputPlane(g);
        var dy = LayerCheck.Random(ref rng, outputs);
        var dx0 = dxIsZero ? new float[x.Length] : LayerCheck.Random(ref rng, x.Length);
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var context = $"{g} up {up} pool {pool} relu {relu} batch {batch} threads {threads} dxIsZero {dxIsZero} {isa}";
            var (expectedY, expectedDw, expectedDb, expectedDx) = Separately(x, w, b, dy, dx0, g, fusion, batch, threads, relu, isa, scratch);

            var y = new float[outputs];
            var argmax = new int[outputs];
            DirectConv2D.Forward(x, w, b, g, fusion, batch, threads, y, argmax, scratch, isa, relu);
            Assert.True(expectedY.SequenceEqual(y), $"y ({context})");
            var inferred = new float[outputs];
            DirectConv2D.Forward(x, w, b, g, fusion, batch, threads, inferred, [], scratch, isa, relu);
            Assert.True(expectedY.SequenceEqual(inferred), $"y without an argmax ({context})");

            float[] dw = new float[w.Length], db = new float[b.Length], dx = (float[])dx0.Clone();
            DirectConv2D.Backward(dy, x, w, g, fusion, batch, threads, dw, db, dx, argmax, scratch, isa, dxIsZero, relu ? y : default);
            Assert.True(expectedDw.SequenceEqual(dw), $"dw ({context})");
            Assert.True(expectedDb.SequenceEqual(db), $"db ({context})");
            Assert.True(expectedDx.SequenceEqual(dx), $"dx ({context})");
        }
    }

    // Each value becomes -1, 0 or 1 (about one in nanEvery a NaN, when nanEvery > 0).
    private static void Quantize(float[] values, ref Xoshiro256 rng, int nanEvery)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = nanEvery > 0 && rng.NextInt(nanEvery) == 0 ? float.NaN : rng.NextInt(3) - 1;
        }
    }

    // The layers one after another, each tensor between them written out.
    private static (float[] Y, float[] Dw, float[] Db, float[] Dx) Separately(
        float[] x, float[] w, float[] b, float[] dy, float[] dx0, Conv2DGeometry g, Conv2DFusion fusion, int batch, int threads, bool relu, Simd.Isa isa, float[] scratch)
    {
        var up = fusion.Up;
        var xUp = x;
        if (up > 1)
        {
            xUp = new float[g.InChannels * batch * g.InPlane];
            UpSampling2D.Forward(x, g.InChannels * batch, g.InHeight / up, g.InWidth / up, up, up, xUp);
        }

        var z = new float[g.OutChannels * batch * g.OutPlane];
        DirectConv2D.Forward(xUp, w, b, g, batch, threads, z, scratch, isa, relu);
        var y = z;
        var dz = dy;
        if (fusion.Pool is { } pool)
        {
            y = new float[g.OutChannels * batch * pool.OutPlane];
            var argmax = new int[y.Length];
            MaxPool2D.Forward(z, pool, g.OutChannels * batch, y, argmax);
            dz = new float[z.Length];
            MaxPool2D.Backward(dy, argmax, pool, g.OutChannels * batch, dz);
        }

        float[] dw = new float[w.Length], db = new float[b.Length], dx = (float[])dx0.Clone();
        if (up == 1)
        {
            DirectConv2D.Backward(dz, xUp, w, g, batch, threads, dw, db, dx, scratch, isa, reluOutput: relu ? z : default);
            return (y, dw, db, dx);
        }

        var dxUp = new float[xUp.Length];
        DirectConv2D.Backward(dz, xUp, w, g, batch, threads, dw, db, dxUp, scratch, isa, dxIsZero: true, reluOutput: relu ? z : default);
        UpSampling2D.Backward(dxUp, g.InChannels * batch, g.InHeight / up, g.InWidth / up, up, up, dx);
        return (y, dw, db, dx);
    }

    [Fact]
    public void TheDenoisersConvolutionsRunWithTheirNeighboursAndTheCodeStays()
    {
        var network = new Network(AutoencoderOptions.ConvolutionalDenoising);
        var steps = network.Steps.Select(s => (s.First, s.End, s.Layer.GetType().Name)).ToArray();
        Assert.Equal(
            [(0, 2, "Conv2DStep"), (2, 4, "Conv2DStep"), (4, 5, "Conv2DLayer"), (5, 7, "Conv2DStep"), (7, 9, "Conv2DStep"), (9, 10, "ActivationLayer")],
            steps);
        Assert.True(network.IsMaterialized(network.CodeOutput));
        Assert.True(network.IsMaterialized(network.LossInput));
        Assert.False(network.IsMaterialized(1));
    }

    [Fact]
    public void TheSmallModelsCodeIsNotPooledAway()
    {
        // Its code is the last pooling's output: that pooling still runs inside the convolution before it, and ends the step.
        var network = new Network(AutoencoderOptions.Convolutional);
        Assert.Contains(network.Steps, s => s.End == network.CodeOutput && s.Layer is Conv2DStep { Pool: not null });
        Assert.All(network.Steps, s => Assert.False(s.First < network.CodeOutput && network.CodeOutput < s.End));
    }
}
