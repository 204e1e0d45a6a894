using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>Glorot-uniform conv weights use PyTorch's and Keras' fans, which count the receptive field.</summary>
public class Conv2DInitializationTests
{
    [Theory]
    [InlineData(1, 16)]
    [InlineData(16, 8)]
    [InlineData(32, 32)]
    [InlineData(16, 1)]
    public void WeightsFillTheGlorotRangeWithReceptiveFieldFans(int inChannels, int outChannels)
    {
        var g = new Conv2DGeometry(inChannels, outChannels, 28, 28, 3, 3, 1, Conv2DPadding.Same);
        // torch.nn.init._calculate_fan_in_and_fan_out on [out, in, 3, 3]: fan_in = in * 9, fan_out = out * 9.
        var limit = Math.Sqrt(6.0 / ((inChannels * 9) + (outChannels * 9)));
        var rng = new Xoshiro256(42);
        var w = new float[g.WeightCount + 1];
        Conv2DInitialization.GlorotUniform(g, ref rng, w);
        var weights = w[..g.WeightCount];
        Assert.All(weights, v => Assert.InRange(Math.Abs(v), 0, limit));
        // Uniform on [-limit, limit]: the largest of n draws comes within limit * 2 / n of the edge or so.
        Assert.True(weights.Max(v => Math.Abs(v)) > limit * (1 - (20.0 / weights.Length)), "weights do not reach the Glorot limit");
        Assert.Equal(0f, w[^1]);
    }
}
