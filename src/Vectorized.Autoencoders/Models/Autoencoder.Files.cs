using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Models;

/// <summary>Saving and loading as safetensors: PyTorch state-dict names, float32 [out, in], architecture in the metadata.</summary>
public sealed partial class Autoencoder
{
    /// <summary>Metadata key holding <see cref="ArchitectureJson"/>.</summary>
    public const string ArchitectureKey = "architecture";

    /// <summary>Writes the model atomically: a crash mid-write leaves any previous file intact.</summary>
    public void Save(string path) => TensorFile.Write(path, StateDict(), [("format", "pt"), (ArchitectureKey, ArchitectureJson.Write(Options))]);

    /// <summary>
    /// Reads a model (or a training checkpoint's model, its optimizer state left unread: use
    /// <c>TrainingCheckpointFile.LoadModel</c> to have the whole checkpoint checked). Malformed files throw <see cref="FileFormatException"/>
    /// naming the file: bytes that are not safetensors, architecture metadata with a missing, mistyped or
    /// out-of-range field, tensors that are missing, extra or shaped unlike the architecture, and NaN or
    /// infinite parameters. Nothing is allocated from the metadata before it agrees with the tensors.
    /// </summary>
    public static Autoencoder Load(string path)
    {
        var (tensors, metadata) = TensorFile.Read(path);
        var isCheckpoint = metadata.TryGetValue(CheckpointFile.KindKey, out var kind) && kind == CheckpointFile.KindValue;
        // Training (a layer above) owns the checkpoint's other tensors; here they are only allowed.
        string[] others = isCheckpoint ? [.. tensors.Keys] : [];
        return FromTensors(path, tensors, metadata, others);
    }

    /// <param name="otherTensors">Tensors the file may hold besides the model's (a checkpoint's optimizer state).</param>
    internal static Autoencoder FromTensors(string path, Dictionary<string, (int[] Shape, float[] Data)> tensors, Dictionary<string, string> metadata, ReadOnlySpan<string> otherTensors)
    {
        if (!metadata.TryGetValue(ArchitectureKey, out var json))
        {
            throw new FileFormatException(path, $"no '{ArchitectureKey}' in the metadata; not a model written by this library");
        }

        AutoencoderOptions options;
        try
        {
            options = ArchitectureJson.Read(json);
        }
        catch (FormatException e)
        {
            throw new FileFormatException(path, e.Message);
        }

        // The metadata alone could claim terabytes: it must match the tensors the file really holds
        // before the parameter buffer is sized from it.
        var expected = ExpectedTensors(options);
        foreach (var (name, shape) in expected)
        {
            if (!tensors.TryGetValue(name, out var tensor))
            {
                throw new FileFormatException(path, $"tensor '{name}' is missing (the architecture metadata has layers {LayersText(options)})");
            }

            if (!tensor.Shape.AsSpan().SequenceEqual(shape))
            {
                throw new FileFormatException(path, $"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}], the architecture metadata (layers {LayersText(options)}) needs [{string.Join(", ", shape)}]");
            }
        }

        foreach (var name in tensors.Keys)
        {
            if (!expected.Exists(e => e.Name == name) && !otherTensors.Contains(name))
            {
                throw new FileFormatException(path, $"tensor '{SafetensorsHeaderParser.Printable(name)}' is not part of the architecture in the metadata (layers {LayersText(options)})");
            }
        }

        foreach (var (name, _) in expected)
        {
            RequireFinite(path, name, tensors[name].Data);
        }

        var model = new Autoencoder(options, new float[CountParameters(options)]);
        foreach (var (name, _, data) in model.StateDict())
        {
            // StateDict's views are the parameter buffer itself (mu and logvar: halves of one layer).
            tensors[name].Data.CopyTo(MemoryMarshal.AsMemory(data).Span);
        }

        return model;
    }

    /// <summary>Throws <see cref="FileFormatException"/> <c>FILE: NAME holds NaN</c> (or +Infinity, -Infinity) at the first non-finite value.</summary>
    internal static void RequireFinite(string path, string name, ReadOnlySpan<float> values)
    {
        foreach (var value in values)
        {
            if (!float.IsFinite(value))
            {
                var what = float.IsNaN(value) ? "NaN" : value > 0 ? "+Infinity" : "-Infinity";
                throw new FileFormatException(path, $"{name} holds {what}");
            }
        }
    }

    /// <summary>The tensors in state-dict order: each layer's weight [out, in], then its bias [out].</summary>
    internal List<(string Name, int[] Shape, ReadOnlyMemory<float> Data)> StateDict()
    {
        if (Options.IsConvolutional)
        {
            return ConvolutionalTensors(Network, Parameters);
        }

        var list = new List<(string, int[], ReadOnlyMemory<float>)>();
        foreach (var layer in _layers)
        {
            if (layer.Name == MeanLogvarName)
            {
                // [mean | logvar] rows: the first half of the weights and of the bias is mu's, the second logvar's.
                int latent = layer.OutputSize / 2, count = latent * layer.InputSize;
                list.Add(("mu.weight", [latent, layer.InputSize], layer.WeightsMemory[..count]));
                list.Add(("mu.bias", [latent], layer.BiasMemory[..latent]));
                list.Add(("logvar.weight", [latent, layer.InputSize], layer.WeightsMemory[count..]));
                list.Add(("logvar.bias", [latent], layer.BiasMemory[latent..]));
                continue;
            }

            list.Add((layer.Name + ".weight", [layer.OutputSize, layer.InputSize], layer.WeightsMemory));
            list.Add((layer.Name + ".bias", [layer.OutputSize], layer.BiasMemory));
        }

        return list;
    }

    /// <summary>The state-dict names and shapes <paramref name="options"/> implies, computed without allocating the parameters.</summary>
    private static List<(string Name, int[] Shape)> ExpectedTensors(AutoencoderOptions options)
    {
        if (options.IsVariational)
        {
            return ExpectedVariationalTensors(options);
        }

        if (options.IsConvolutional)
        {
            return ConvolutionalTensors(new Network(options), null).ConvertAll(t => (t.Name, t.Shape));
        }

        var list = new List<(string, int[])>(2 * options.LayerCount);
        var codeLayer = options.ResolvedCodeLayer;
        for (var l = 0; l < options.LayerCount; l++)
        {
            var name = LayerName(l, codeLayer);
            int fanIn = options.LayerSizes[l], fanOut = options.LayerSizes[l + 1];
            list.Add((name + ".weight", [fanOut, fanIn]));
            list.Add((name + ".bias", [fanOut]));
        }

        return list;
    }

    /// <summary>The peer's names: fc1.., then mu and logvar (the halves of one layer), then the decoder's fc.</summary>
    private static List<(string Name, int[] Shape)> ExpectedVariationalTensors(AutoencoderOptions options)
    {
        var list = new List<(string, int[])>();
        var shapes = Network.VariationalLinearShapes(options);
        for (var l = 0; l < shapes.Count; l++)
        {
            var (fanIn, fanOut) = shapes[l];
            if (l == options.LayerCount)
            {
                list.Add(("mu.weight", [fanOut / 2, fanIn]));
                list.Add(("mu.bias", [fanOut / 2]));
                list.Add(("logvar.weight", [fanOut / 2, fanIn]));
                list.Add(("logvar.bias", [fanOut / 2]));
                continue;
            }

            list.Add(($"fc{l + 1}.weight", [fanOut, fanIn]));
            list.Add(($"fc{l + 1}.bias", [fanOut]));
        }

        return list;
    }

    private static string LayersText(AutoencoderOptions options) => options.IsConvolutional
        ? $"{string.Join(",", options.LayerSizes)}, conv {ArchitectureJson.ConvolutionName(options.Convolution)}"
        : string.Join(",", options.LayerSizes);
}
