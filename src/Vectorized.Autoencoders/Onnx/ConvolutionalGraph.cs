using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Onnx;

/// <summary>
/// The ONNX graph of a convolutional autoencoder or one of its halves, NCHW as ONNX and PyTorch
/// have it (the engine's channel-major layout is internal): the flat input [batch, 784] reshaped to
/// [batch, 1, 28, 28], then Conv, activation, MaxPool and Resize (nearest) nodes as the network
/// lists them, the code flattened per image in (channel, height, width) order as vecae's codes are,
/// the output reshaped back to [batch, 784]. Initializers keep the file's names (<c>enc.0.weight</c>).
/// </summary>
internal static class ConvolutionalGraph
{
    public static OnnxGraphBuilder Build(Autoencoder model, OnnxPart part, string inputName, string outputName)
    {
        var network = model.Network;
        var (first, end) = part switch
        {
            OnnxPart.Full => (0, network.Layers.Length),
            OnnxPart.Encoder => (0, network.CodeOutput),
            OnnxPart.Decoder => (network.CodeOutput, network.Layers.Length),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };

        var graph = new OnnxGraphBuilder();
        var (channels, height, width) = InputShape(network, first);
        var x = graph.Reshape("input", inputName, graph.Int64Constant("input_shape", -1, channels, height, width));
        var parameters = model.Parameters;
        for (var i = first; i < end; i++)
        {
            var prefix = $"layer{i}";
            switch (network.Layers[i])
            {
                case Conv2DLayer conv:
                    var g = conv.Geometry;
                    var offset = network.ParameterOffsets[i];
                    var weight = graph.Constant(conv.Name + ".weight", parameters.AsSpan(offset, g.WeightCount), g.OutChannels, g.InChannels, g.KernelHeight, g.KernelWidth);
                    var bias = graph.Constant(conv.Name + ".bias", parameters.AsSpan(offset + g.WeightCount, g.OutChannels), g.OutChannels);
                    long bottom = After(g.OutHeight, g.Stride, g.KernelHeight, g.InHeight, g.PadTop), right = After(g.OutWidth, g.Stride, g.KernelWidth, g.InWidth, g.PadLeft);
                    x = graph.Conv(conv.Name, x, weight, bias, [g.KernelHeight, g.KernelWidth], g.Stride, [g.PadTop, g.PadLeft, bottom, right]);
                    if (conv.Activation != Activation.Linear)
                    {
                        x = graph.Activation(prefix, x, conv.Activation);
                    }

                    break;
                case ActivationLayer activation:
                    x = graph.Activation(prefix, x, activation.Activation);
                    break;
                case MaxPool2DLayer pool:
                    var p = pool.Geometry;
                    long poolBottom = After(p.OutHeight, p.Stride, p.Pool, p.InHeight, p.PadTop), poolRight = After(p.OutWidth, p.Stride, p.Pool, p.InWidth, p.PadLeft);
                    x = graph.MaxPool(prefix, x, p.Pool, p.Stride, [p.PadTop, p.PadLeft, poolBottom, poolRight]);
                    break;
                case UpSampling2DLayer up:
                    var scales = graph.Constant(prefix + "_scales", [1f, 1f, up.Factor, up.Factor], 4);
                    x = graph.UpsampleNearest(prefix, x, scales);
                    break;
                default:
                    throw new NotSupportedException($"layer {i} has no ONNX form");
            }
        }

        var size = network.Width(end);
        graph.Reshape("output", x, graph.Int64Constant("output_shape", -1, size), outputName);
        return graph;
    }

    // The shape per image of activation `at`: the network's input image, or what the layer before produced.
    private static (long Channels, long Height, long Width) InputShape(Network network, int at)
    {
        if (at == 0)
        {
            return (ConvolutionalLayers.Input.Channels, ConvolutionalLayers.Input.Height, ConvolutionalLayers.Input.Width);
        }

        return network.Layers[at - 1] switch
        {
            MaxPool2DLayer pool => (pool.Channels, pool.Geometry.OutHeight, pool.Geometry.OutWidth),
            Conv2DLayer conv => (conv.Geometry.OutChannels, conv.Geometry.OutHeight, conv.Geometry.OutWidth),
            UpSampling2DLayer up => (up.Channels, up.Height * up.Factor, up.Width * up.Factor),
            _ => InputShape(network, at - 1),
        };
    }

    // The padding after the input along one axis: what the last window needs beyond it, less the padding before.
    private static long After(int output, int stride, int kernel, int input, int before) =>
        Math.Max(((output - 1) * stride) + kernel - input - before, 0);
}
