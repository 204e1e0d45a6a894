using System.Globalization;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// A training checkpoint: weights, optimizer state and any other tensors, plus string metadata
/// (epoch, step, RNG and shuffle state, ...), in one safetensors file written atomically, so a
/// crash or Ctrl+C during a save leaves the previous checkpoint intact. What goes in is the
/// trainer's choice; this type only guarantees the container.
/// </summary>
internal sealed class CheckpointFile
{
    /// <summary>Metadata key marking a file as a checkpoint, so a plain model file is not mistaken for one.</summary>
    public const string KindKey = "kind";

    /// <summary>The value of <see cref="KindKey"/> in a checkpoint.</summary>
    public const string KindValue = "checkpoint";

    private CheckpointFile(SafetensorsFile file) => File = file;

    /// <summary>The underlying safetensors file (tensors and their bytes).</summary>
    public SafetensorsFile File { get; }

    /// <summary>The metadata the trainer stored (including <see cref="KindKey"/>).</summary>
    public IReadOnlyDictionary<string, string> Metadata => File.Metadata;

    /// <summary>Writes a checkpoint atomically; <paramref name="metadata"/> must not use <see cref="KindKey"/>.</summary>
    public static void Write(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.ContainsKey(KindKey))
        {
            throw new ArgumentException($"'{KindKey}' is set by the checkpoint writer itself", nameof(metadata));
        }

        var all = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { [KindKey] = KindValue };
        SafetensorsWriter.Write(path, tensors, all);
    }

    /// <summary>Reads and validates a checkpoint; a file that is not one throws <see cref="FileFormatException"/>.</summary>
    public static CheckpointFile Read(string path)
    {
        var file = SafetensorsFile.Read(path);
        if (!file.Metadata.TryGetValue(KindKey, out var kind) || kind != KindValue)
        {
            throw new FileFormatException(path, $"not a vecae checkpoint (its metadata has no {KindKey}={KindValue})");
        }

        return new CheckpointFile(file);
    }

    /// <summary>True when the metadata of a safetensors header marks it as a checkpoint.</summary>
    public static bool IsCheckpoint(SafetensorsHeader header) =>
        header.Metadata.TryGetValue(KindKey, out var kind) && kind == KindValue;

    /// <summary>A metadata value the trainer stored; a missing key means the file is not what the trainer wrote.</summary>
    public string GetString(string key) =>
        Metadata.TryGetValue(key, out var value) ? value : throw new FileFormatException(File.Name, $"checkpoint metadata has no '{key}'");

    /// <summary>A metadata value parsed as a 64-bit integer (invariant culture).</summary>
    public long GetInt64(string key)
    {
        var text = GetString(key);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FileFormatException(File.Name, $"checkpoint metadata '{key}' is '{SafetensorsHeaderParser.Printable(text)}', not an integer");
    }

    /// <summary>A copy of a float32 tensor: [ElementCount].</summary>
    public float[] GetFloat32(string tensorName) => File.GetFloat32(tensorName);

    /// <summary>Copies a float32 tensor into <paramref name="destination"/>: [ElementCount].</summary>
    public void CopyFloat32(string tensorName, Span<float> destination) => File.CopyFloat32(tensorName, destination);
}
