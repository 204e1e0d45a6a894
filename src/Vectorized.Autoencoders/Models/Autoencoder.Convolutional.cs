using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The convolutional autoencoders (<c>pytorch_convae.py</c>): their initialization, their tensors
/// under the peer's state-dict names, and the transposition between the engine's channel-major
/// activations and PyTorch's per-sample (channel, height, width) order at the code.
/// </summary>
public sealed partial class Autoencoder
{
    /// <summary>Glorot-uniform weights drawn layer by layer from xoshiro256** seeded by <paramref name="seed"/>, zero biases.</summary>
    private static Autoencoder CreateConvolutional(AutoencoderOptions options, int seed)
    {
        var network = new Network(options);
        var parameters = new float[network.ParameterOffsets[^1]];
        var rng = new Xoshiro256((ulong)(uint)seed);
        for (var i = 0; i < network.Layers.Length; i++)
        {
            if (network.Layers[i] is Conv2DLayer conv)
            {
                Conv2DInitialization.GlorotUniform(conv.Geometry, ref rng, parameters.AsSpan(network.ParameterOffsets[i], conv.Geometry.WeightCount));
            }
        }

        return new Autoencoder(options, parameters);
    }

    /// <summary>Each convolution's weight [out, in, kh, kw] and bias [out], views of the parameter buffer (or, without it, empty).</summary>
    private static List<(string Name, int[] Shape, ReadOnlyMemory<float> Data)> ConvolutionalTensors(Network network, float[]? parameters)
    {
        var list = new List<(string, int[], ReadOnlyMemory<float>)>();
        for (var i = 0; i < network.Layers.Length; i++)
        {
            if (network.Layers[i] is not Conv2DLayer conv)
            {
                continue;
            }

            var g = conv.Geometry;
            var offset = network.ParameterOffsets[i];
            var weight = parameters is null ? ReadOnlyMemory<float>.Empty : parameters.AsMemory(offset, g.WeightCount);
            var bias = parameters is null ? ReadOnlyMemory<float>.Empty : parameters.AsMemory(offset + g.WeightCount, g.OutChannels);
            list.Add((conv.Name + ".weight", [g.OutChannels, g.InChannels, g.KernelHeight, g.KernelWidth], weight));
            list.Add((conv.Name + ".bias", [g.OutChannels], bias));
        }

        return list;
    }

    /// <summary>Rows [count, channels * plane] (each sample in (channel, height, width) order) to channel-major [channels, count, plane].</summary>
    private static void ToChannelMajor(ReadOnlySpan<float> rows, int count, int channels, int plane, Span<float> planes)
    {
        for (var n = 0; n < count; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                rows.Slice(((n * channels) + c) * plane, plane).CopyTo(planes.Slice(((c * count) + n) * plane, plane));
            }
        }
    }

    /// <summary>Channel-major [channels, count, plane] to rows [count, channels * plane].</summary>
    private static void ToRows(ReadOnlySpan<float> planes, int count, int channels, int plane, Span<float> rows)
    {
        for (var c = 0; c < channels; c++)
        {
            for (var n = 0; n < count; n++)
            {
                planes.Slice(((c * count) + n) * plane, plane).CopyTo(rows.Slice(((n * channels) + c) * plane, plane));
            }
        }
    }
}
