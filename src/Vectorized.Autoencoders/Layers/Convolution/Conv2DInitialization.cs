using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Initial weights of a convolution: Glorot-uniform as Keras' Conv2D default and PyTorch's
/// <c>xavier_uniform_</c> on a conv weight (what <c>pytorch_convae.py</c> does), limit
/// sqrt(6 / (fan_in + fan_out)) with fan_in = in * kh * kw and fan_out = out * kh * kw (the
/// receptive field counts on both sides). Filled in the order of the weight tensor [out, in, kh, kw],
/// which is both the engine's layout and PyTorch's state-dict layout, so a seed fixes the same
/// tensor either way. Biases start at zero.
/// </summary>
internal static class Conv2DInitialization
{
    // w: [outChannels, inChannels, kh, kw]
    public static void GlorotUniform(in Conv2DGeometry g, ref Xoshiro256 rng, Span<float> w)
    {
        var field = g.KernelHeight * g.KernelWidth;
        WeightInitialization.Fill(Initializer.GlorotUniform, g.InChannels * field, g.OutChannels * field, ref rng, w[..g.WeightCount]);
    }
}
