using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.OnnxTests;

/// <summary>
/// Every kind of model the engine builds, with random weights AND biases (a fresh model's zero
/// biases would hide a bias wired to the wrong place), exported through the real CLI into a temp folder.
/// </summary>
internal static class ExportedModels
{
    /// <summary>Model kinds by name: the article's presets and custom stacks covering every activation.</summary>
    public static readonly IReadOnlyDictionary<string, AutoencoderOptions> Kinds = new Dictionary<string, AutoencoderOptions>
    {
        ["deep"] = AutoencoderOptions.Deep,
        ["shallow"] = AutoencoderOptions.Shallow,
        ["sparse"] = AutoencoderOptions.Sparse,
        ["tanh-linear-mse"] = new() { LayerSizes = [20, 12, 5, 12, 20], HiddenActivation = Activation.Tanh, OutputActivation = Activation.Linear, Loss = Loss.MeanSquaredError },
        ["leaky-relu"] = new() { LayerSizes = [30, 9, 30], HiddenActivation = Activation.LeakyRelu },
        ["sigmoid-hidden"] = new() { LayerSizes = [16, 8, 3, 8, 16], HiddenActivation = Activation.Sigmoid },
        ["linear-hidden"] = new() { LayerSizes = [16, 4, 16], HiddenActivation = Activation.Linear, OutputActivation = Activation.Linear, Loss = Loss.MeanSquaredError },
        // The narrowest layer is the last: the decoder is empty and exports as Identity.
        ["code-is-output"] = new() { LayerSizes = [12, 10, 6], OutputActivation = Activation.Sigmoid },
        // Exported with z = mean: the encoder gives the latent mean, the decoder decodes a latent point.
        ["vae"] = AutoencoderOptions.Variational with { LayerSizes = [16, 10], LatentSize = 3 },
        // Conv (same and valid), MaxPool (ceil mode: 7 -> 4), Resize (nearest); codes flattened as (c, h, w).
        ["conv"] = AutoencoderOptions.Convolutional,
        ["conv-denoising"] = AutoencoderOptions.ConvolutionalDenoising,
    };

    public static readonly OnnxPart[] Parts = [OnnxPart.Full, OnnxPart.Encoder, OnnxPart.Decoder];

    public static TheoryData<string, OnnxPart> KindsAndParts()
    {
        var rows = new TheoryData<string, OnnxPart>();
        foreach (var kind in Kinds.Keys)
        {
            foreach (var part in Parts)
            {
                rows.Add(kind, part);
            }
        }

        return rows;
    }

    public static Autoencoder Model(string kind)
    {
        var options = Kinds[kind];
        var random = new Random(kind.Length * 7919 + 1);
        var parameters = new float[Autoencoder.CountParameters(options)];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)(random.NextDouble() - 0.5) * 0.4f;
        }

        var model = Autoencoder.FromParameters(options, parameters);
        // The exported file is the deterministic path: compare with vecae decoding the mean.
        model.SampleLatent = false;
        return model;
    }

    /// <summary>Saves the model and runs <c>vecae export</c> on it; returns the .onnx path inside <paramref name="folder"/>.</summary>
    public static string Export(Autoencoder model, string kind, OnnxPart part, string folder)
    {
        var modelPath = Path.Combine(folder, kind + ".safetensors");
        model.Save(modelPath);
        var onnxPath = Path.Combine(folder, $"{kind}-{OnnxExport.Name(part)}.onnx");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Cli.CommandLine.Run(["export", "--model", modelPath, "--out", onnxPath, "--part", OnnxExport.Name(part)], stdout, stderr);
        Assert.True(code == 0, $"vecae export exited {code}: {stderr}");
        return onnxPath;
    }
}
