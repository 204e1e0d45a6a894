using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The engine's float32 safetensors reading and writing: named [shape] tensors plus string metadata.
/// Writes are atomic (temporary file in the same folder, flushed, renamed over the target).
/// Malformed files raise <see cref="InvalidDataException"/> naming the file and the reason.
/// </summary>
internal static class TensorFile
{
    private const long MaxHeaderBytes = 100_000_000;

    public static void Write(string path, IReadOnlyList<(string Name, int[] Shape, ReadOnlyMemory<float> Data)> tensors, IReadOnlyList<(string Key, string Value)> metadata)
    {
        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (key, value) in metadata)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, shape, data) in tensors)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (var d in shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += data.Length * 4L;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        var header = headerStream.ToArray();
        var padded = (header.Length + 7) / 8 * 8;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)padded);
                file.Write(length);
                file.Write(header);
                for (var i = header.Length; i < padded; i++)
                {
                    file.WriteByte((byte)' ');
                }

                foreach (var (_, _, data) in tensors)
                {
                    // Little-endian machines only (the format is little-endian; so is every target of this library).
                    file.Write(MemoryMarshal.AsBytes(data.Span));
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public static (Dictionary<string, (int[] Shape, float[] Data)> Tensors, Dictionary<string, string> Metadata) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: {e.Message}");
        }

        if (bytes.Length < 8)
        {
            throw Bad(path, "shorter than the 8-byte header length");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > bytes.Length - 8)
        {
            throw Bad(path, $"header length {headerLength} runs past the end of the file");
        }

        var dataStart = 8 + (int)headerLength;
        var tensors = new Dictionary<string, (int[], float[])>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        long expectedOffset = 0;
        try
        {
            using var doc = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Bad(path, "header is not a JSON object");
            }

            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var m in entry.Value.EnumerateObject())
                    {
                        metadata[m.Name] = m.Value.GetString() ?? throw Bad(path, $"metadata '{m.Name}' is not a string");
                    }

                    continue;
                }

                if (entry.Value.GetProperty("dtype").GetString() != "F32")
                {
                    throw Bad(path, $"tensor '{entry.Name}' is not F32");
                }

                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long count = 1;
                foreach (var d in shape)
                {
                    count = d < 0 ? throw Bad(path, $"tensor '{entry.Name}' has a negative dimension") : checked(count * d);
                }

                if (offsets.Length != 2 || offsets[0] != expectedOffset || offsets[1] - offsets[0] != count * 4 || dataStart + offsets[1] > bytes.Length)
                {
                    throw Bad(path, $"tensor '{entry.Name}' has offsets that do not match its shape or the file");
                }

                expectedOffset = offsets[1];
                var data = new float[count];
                MemoryMarshal.Cast<byte, float>(bytes.AsSpan(dataStart + (int)offsets[0], (int)(count * 4))).CopyTo(data);
                if (!tensors.TryAdd(entry.Name, (shape, data)))
                {
                    throw Bad(path, $"tensor '{entry.Name}' appears twice");
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or OverflowException or ArgumentException)
        {
            throw Bad(path, $"malformed header ({e.Message})");
        }

        if (dataStart + expectedOffset != bytes.Length)
        {
            throw Bad(path, "the tensor data does not end at the end of the file");
        }

        return (tensors, metadata);
    }

    private static InvalidDataException Bad(string path, string reason) => new($"{path}: {reason}");

    public static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
