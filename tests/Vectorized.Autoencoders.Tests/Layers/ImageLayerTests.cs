using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The convolutional layers as the network runs them (<see cref="Conv2DLayer"/>, <see cref="MaxPool2DLayer"/>,
/// <see cref="UpSampling2DLayer"/>): channel-major activations of a whole batch, parameters as one flat
/// [weight | bias] slice, scratch sized by the layer for a workspace capacity at or above the batch,
/// 1 or 2 threads. Every gradient against central differences of the tests' double-precision oracles,
/// over random shapes (kernels 1-4 and wider than the input, strides 1 and 2, same and valid padding,
/// batches 1-5), accumulated onto non-zero gradients; an empty dx (the first layer) is allowed.
/// </summary>
public class ImageLayerTests
{
    [Property(MaxTest = 60)]
    public void Conv2DLayerGradientsMatchCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 404);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        int kh = 1 + rng.NextInt(4), kw = 1 + rng.NextInt(4);
        var minH = padding == Conv2DPadding.Valid ? kh : 1;
        var minW = padding == Conv2DPadding.Valid ? kw : 1;
        var g = new Conv2DGeometry(1 + rng.NextInt(3), 1 + rng.NextInt(4), minH + rng.NextInt(6), minW + rng.NextInt(6), kh, kw, 1 + rng.NextInt(2), padding);
        var layer = new Conv2DLayer(g, "conv");
        var batch = 1 + rng.NextInt(5);
        var capacity = batch + rng.NextInt(3);
        var threads = 1 + rng.NextInt(2);
        var context = $"{g} batch {batch} capacity {capacity} threads {threads}";
        Assert.Equal(g.WeightCount + g.OutChannels, layer.ParameterCount);
        Assert.Equal(g.InChannels * g.InPlane, layer.InputSize);

        var x = LayerCheck.Random(ref rng, batch * layer.InputSize);
        var parameters = LayerCheck.Random(ref rng, layer.ParameterCount);
        var y = new float[batch * layer.OutputSize];
        var (floats, ints) = layer.ScratchSize(capacity);
        var scratch = new float[floats];
        Assert.Equal(0, ints);
        layer.Forward(x, parameters, batch, training: true, threads, y, new LayerScratch(scratch, []));
        var dy = LayerCheck.Random(ref rng, y.Length);
        double[] xd = LayerCheck.ToDouble(x), pd = LayerCheck.ToDouble(parameters), gd = LayerCheck.ToDouble(dy);
        double[] Oracle() => Conv2DTests.DirectConvolution(xd, pd[..g.WeightCount], pd[g.WeightCount..], g, batch);
        LayerCheck.Close(y, Oracle().Select(v => (float)v).ToArray(), 1e-5, $"y ({context})");

        var dp0 = LayerCheck.Random(ref rng, parameters.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        float[] dp = (float[])dp0.Clone(), dx = (float[])dx0.Clone();
        layer.Backward(x, y, dy, parameters, batch, threads, dp, dx, new LayerScratch(scratch, []), dParametersAreZero: false, dxIsZero: false);
        double Loss() => LayerCheck.Dot(gd, Oracle());
        LayerCheck.Gradient(Subtract(dp, dp0), pd, Loss, ref rng, 16, $"d parameters ({context})");
        LayerCheck.Gradient(Subtract(dx, dx0), xd, Loss, ref rng, 16, $"dx ({context})");

        // The first layer's empty dx: the same parameter gradient, nothing else written.
        var dpFirst = (float[])dp0.Clone();
        layer.Backward(x, y, dy, parameters, batch, threads, dpFirst, [], new LayerScratch(scratch, []), dParametersAreZero: false, dxIsZero: false);
        Assert.Equal(dp, dpFirst);
    }

    [Property(MaxTest = 60)]
    public void MaxPool2DLayerGradientMatchesCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 505);
        var pool = 1 + rng.NextInt(3);
        var stride = 1 + rng.NextInt(pool);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        var g = new MaxPool2DGeometry(pool + rng.NextInt(7), pool + rng.NextInt(7), pool, stride, padding);
        var layer = new MaxPool2DLayer(1 + rng.NextInt(3), g);
        var batch = 1 + rng.NextInt(5);
        var capacity = batch + rng.NextInt(3);
        var context = $"{g} channels {layer.Channels} batch {batch}";

        // Distinct values 0.01 apart: a step of 1e-3 never changes a window's maximum.
        var order = Enumerable.Range(0, batch * layer.InputSize).ToArray();
        rng.Shuffle(order);
        var x = order.Select(i => (float)(0.01 * (i - (order.Length / 2)))).ToArray();
        var (floats, ints) = layer.ScratchSize(capacity);
        Assert.Equal((0, capacity * layer.OutputSize), (floats, ints));
        var argmax = new int[ints];
        var y = new float[batch * layer.OutputSize];
        layer.Forward(x, [], batch, training: true, 1, y, new LayerScratch([], argmax));
        double[] xd = LayerCheck.ToDouble(x);
        double[] Oracle() => MaxPool2DTests.DirectPool(xd, g, layer.Channels * batch);
        Assert.Equal(Oracle().Select(v => (float)v).ToArray(), y);

        var dy = LayerCheck.Random(ref rng, y.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        var dx = (float[])dx0.Clone();
        layer.Backward(x, y, dy, [], batch, 1, [], dx, new LayerScratch([], argmax), dParametersAreZero: false, dxIsZero: false);
        var gd = LayerCheck.ToDouble(dy);
        LayerCheck.Gradient(Subtract(dx, dx0), xd, () => LayerCheck.Dot(gd, Oracle()), ref rng, 30, $"dx ({context})");
    }

    [Property(MaxTest = 60)]
    public void UpSampling2DLayerGradientMatchesCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 606);
        var layer = new UpSampling2DLayer(1 + rng.NextInt(3), 1 + rng.NextInt(6), 1 + rng.NextInt(6), 1 + rng.NextInt(3));
        var batch = 1 + rng.NextInt(5);
        int h = layer.Height, w = layer.Width, f = layer.Factor, planes = layer.Channels * batch;
        var context = $"{layer.Channels} channels {h}x{w} by {f} batch {batch}";
        Assert.Equal((0, 0), ((ILayer)layer).ScratchSize(batch));
        var x = LayerCheck.Random(ref rng, batch * layer.InputSize);
        var y = new float[batch * layer.OutputSize];
        layer.Forward(x, [], batch, training: true, 1, y, default);
        double[] xd = LayerCheck.ToDouble(x);
        double[] Oracle()
        {
            var yd = new double[y.Length];
            for (var i = 0; i < yd.Length; i++)
            {
                int p = i / (h * f * w * f), oy = i / (w * f) % (h * f), ox = i % (w * f);
                yd[i] = xd[(((p * h) + (oy / f)) * w) + (ox / f)];
            }

            return yd;
        }

        Assert.Equal(Oracle().Select(v => (float)v).ToArray(), y);
        Assert.Equal(planes * h * f * w * f, y.Length);
        var dy = LayerCheck.Random(ref rng, y.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        var dx = (float[])dx0.Clone();
        layer.Backward(x, y, dy, [], batch, 1, [], dx, default, dParametersAreZero: false, dxIsZero: false);
        var gd = LayerCheck.ToDouble(dy);
        LayerCheck.Gradient(Subtract(dx, dx0), xd, () => LayerCheck.Dot(gd, Oracle()), ref rng, 20, $"dx ({context})");
    }

    private static float[] Subtract(float[] a, float[] b) => a.Select((v, i) => v - b[i]).ToArray();
}
