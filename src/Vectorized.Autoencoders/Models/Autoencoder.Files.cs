using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Models;

/// <summary>Saving and loading as safetensors: PyTorch state-dict names, float32 [out, in], architecture in the metadata.</summary>
public sealed partial class Autoencoder
{
    /// <summary>Metadata key holding <see cref="ArchitectureJson"/>.</summary>
    public const string ArchitectureKey = "architecture";

    /// <summary>Writes the model atomically: a crash mid-write leaves any previous file intact.</summary>
    public void Save(string path) => TensorFile.Write(path, StateDict(), [("format", "pt"), (ArchitectureKey, ArchitectureJson.Write(Options))]);

    /// <summary>Reads a model (or a training checkpoint's model). Malformed files throw <see cref="FileFormatException"/> naming the file.</summary>
    public static Autoencoder Load(string path)
    {
        var (tensors, metadata) = TensorFile.Read(path);
        return FromTensors(path, tensors, metadata);
    }

    internal static Autoencoder FromTensors(string path, Dictionary<string, (int[] Shape, float[] Data)> tensors, Dictionary<string, string> metadata)
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
            throw new FileFormatException(path, $"{e.Message}");
        }

        var model = new Autoencoder(options, new float[CountParameters(options)]);
        var expected = 0;
        foreach (var (name, shape, data) in model.StateDict())
        {
            Fill(path, tensors, name, shape, MemoryMarshal.AsMemory(data).Span);
            expected++;
        }

        if (options.IsVariational && tensors.Count != expected)
        {
            var extra = tensors.Keys.Order(StringComparer.Ordinal).First(k => !model.StateDict().Any(t => t.Name == k));
            throw new FileFormatException(path, $"tensor '{extra}' is not part of the architecture in the metadata");
        }

        return model;
    }

    /// <summary>The tensors in state-dict order: each layer's weight [out, in], then its bias [out].</summary>
    internal List<(string Name, int[] Shape, ReadOnlyMemory<float> Data)> StateDict()
    {
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

    private static void Fill(string path, Dictionary<string, (int[] Shape, float[] Data)> tensors, string name, int[] shape, Span<float> destination)
    {
        if (!tensors.TryGetValue(name, out var tensor))
        {
            throw new FileFormatException(path, $"tensor '{name}' is missing");
        }

        if (!tensor.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new FileFormatException(path, $"tensor '{name}' has shape [{string.Join(", ", tensor.Shape)}], the architecture needs [{string.Join(", ", shape)}]");
        }

        tensor.Data.CopyTo(destination);
    }
}
