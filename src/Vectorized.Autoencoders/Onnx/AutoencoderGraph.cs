using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Onnx;

/// <summary>
/// The ONNX graph of an <see cref="Autoencoder"/> or one of its halves: for each dense layer in
/// the part, Gemm with the layer's weights and bias, then its activation. Initializers keep the
/// model file's state-dict names (<c>encoder.0.weight</c>), so the two files compare 1:1. A
/// variational model exports with z = mean (its encoder part gives the latent mean). A convolutional
/// model is <see cref="ConvolutionalGraph"/>.
/// </summary>
internal static class AutoencoderGraph
{
    public static OnnxModel Build(Autoencoder model, OnnxPart part)
    {
        var (first, last) = part switch
        {
            OnnxPart.Full => (0, model.Layers.Count - 1),
            OnnxPart.Encoder => (0, model.CodeLayer),
            OnnxPart.Decoder => (model.CodeLayer + 1, model.Layers.Count - 1),
            _ => throw new ArgumentOutOfRangeException(nameof(part)),
        };
        var (inputName, inputSize) = part == OnnxPart.Decoder ? (OnnxExport.CodeName, model.CodeSize) : (OnnxExport.InputName, model.InputSize);
        var (outputName, outputSize) = part == OnnxPart.Encoder ? (OnnxExport.CodeName, model.CodeSize) : (OnnxExport.ReconstructionName, model.OutputSize);

        var graph = model.Options.IsConvolutional ? ConvolutionalGraph.Build(model, part, inputName, outputName) : Dense(model, first, last, inputName, outputName);
        var batch = OnnxDimension.Symbolic(OnnxExport.BatchDimension);
        var built = graph.Build(
            $"vecae_{OnnxExport.Name(part)}",
            [new OnnxValueInfo(inputName, OnnxElementType.Float, [batch, OnnxDimension.Fixed(inputSize)])],
            [new OnnxValueInfo(outputName, OnnxElementType.Float, [batch, OnnxDimension.Fixed(outputSize)])]);
        var version = typeof(OnnxExport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var what = model.Options.IsConvolutional ? $"convolutional ({ArchitectureJson.ConvolutionName(model.Options.Convolution)})" : string.Join("-", model.Options.LayerSizes);
        return new OnnxModel(
            built, OnnxExport.IrVersion, OnnxExport.OpsetVersion, "vecae", version,
            $"Vectorized.Autoencoders {OnnxExport.Name(part)} of a {what} autoencoder",
            [("vecae.part", OnnxExport.Name(part)), ("vecae.architecture", ArchitectureJson.Write(model.Options))]);
    }

    private static OnnxGraphBuilder Dense(Autoencoder model, int first, int last, string inputName, string outputName)
    {
        var graph = new OnnxGraphBuilder();
        var x = inputName;
        for (var l = first; l <= last; l++)
        {
            var layer = model.Layers[l];
            var named = l == last ? outputName : null;
            if (layer.Name == Autoencoder.MeanLogvarName)
            {
                // A variational model exports its deterministic path, z = mean: the first half of
                // the [mean | logvar] layer, under the peer's name mu (logvar is not needed).
                int latent = layer.OutputSize / 2;
                var mu = graph.Constant("mu.weight", layer.Weights[..(latent * layer.InputSize)], latent, layer.InputSize);
                var muBias = graph.Constant("mu.bias", layer.Bias[..latent], latent);
                x = graph.Gemm("mu", x, mu, muBias, named);
                continue;
            }

            var weight = graph.Constant(layer.Name + ".weight", layer.Weights, layer.OutputSize, layer.InputSize);
            var bias = graph.Constant(layer.Name + ".bias", layer.Bias, layer.OutputSize);
            x = graph.Gemm(layer.Name, x, weight, bias, layer.Activation == Layers.Activation.Linear ? named : null);
            if (layer.Activation != Layers.Activation.Linear)
            {
                x = graph.Activation(layer.Name, x, layer.Activation, named);
            }
        }

        if (first > last)
        {
            // A model whose code is its last layer has an empty decoder: the code is the reconstruction.
            graph.Identity("decoder", x, outputName);
        }

        return graph;
    }
}
