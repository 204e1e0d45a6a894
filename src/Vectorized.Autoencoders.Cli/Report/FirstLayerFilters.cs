using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// What a model's filters figure draws: one image per unit of its first layer. A dense layer's unit
/// is a weight per input pixel, an image of the input's size; a convolution's output channel is its
/// kernel, an image of in channels x kernel height rows and kernel width columns (3x3 for MNIST).
/// </summary>
/// <param name="Weights">[Count, Height * Width], one filter per row.</param>
/// <param name="Noun">what one filter belongs to, for the figure's label: "unit" or "channel".</param>
internal sealed record FirstLayerFilters(float[] Weights, int Count, int Height, int Width, string Noun)
{
    /// <summary>The first layer's filters of <paramref name="model"/>, whose inputs are <paramref name="height"/> x <paramref name="width"/> images.</summary>
    public static FirstLayerFilters Of(Autoencoder model, int height, int width)
    {
        if (model.Network.Layers[0] is Conv2DLayer conv)
        {
            // A convolution's parameters are its weights [out, in, kh, kw], then its bias.
            var g = conv.Geometry;
            var weights = model.ParameterSpan.Slice(model.Network.ParameterOffsets[0], g.WeightCount).ToArray();
            return new FirstLayerFilters(weights, g.OutChannels, g.InChannels * g.KernelHeight, g.KernelWidth, "channel");
        }

        var dense = model.Layers[0];
        return new FirstLayerFilters(dense.Weights.ToArray(), dense.OutputSize, height, width, "unit");
    }
}
