using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The engine's view of a safetensors file: named float32 tensors plus string metadata, written
/// atomically and read with full validation by the Serialization layer. Malformed files raise
/// <see cref="FileFormatException"/> naming the file and the reason.
/// </summary>
internal static class TensorFile
{
    public static void Write(string path, IReadOnlyList<(string Name, int[] Shape, ReadOnlyMemory<float> Data)> tensors, IReadOnlyList<(string Key, string Value)> metadata)
    {
        var named = new List<NamedTensor>(tensors.Count);
        foreach (var (name, shape, data) in tensors)
        {
            named.Add(NamedTensor.Float32(name, data, shape.Select(d => (long)d).ToArray()));
        }

        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata)
        {
            dictionary[key] = value;
        }

        SafetensorsWriter.Write(path, named, dictionary);
    }

    public static (Dictionary<string, (int[] Shape, float[] Data)> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        var file = SafetensorsFile.Read(path);
        var tensors = new Dictionary<string, (int[], float[])>(StringComparer.Ordinal);
        foreach (var info in file.Tensors)
        {
            if (info.DType != SafetensorsDType.F32)
            {
                throw new FileFormatException(path, $"tensor '{SafetensorsHeaderParser.Printable(info.Name)}' is {info.DType}; models hold F32 tensors only");
            }

            var shape = new int[info.Shape.Count];
            for (var i = 0; i < shape.Length; i++)
            {
                shape[i] = info.Shape[i] <= int.MaxValue ? (int)info.Shape[i] : throw new FileFormatException(path, $"tensor '{SafetensorsHeaderParser.Printable(info.Name)}' is too large");
            }

            tensors.Add(info.Name, (shape, file.GetFloat32(info.Name)));
        }

        return (tensors, new Dictionary<string, string>(file.Metadata, StringComparer.Ordinal));
    }
}
