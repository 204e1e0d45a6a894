using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Vectorized.Autoencoders.IO;

namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// Writes safetensors files exactly as the format specifies: an 8-byte little-endian header
/// length, a compact JSON header padded with spaces to a multiple of 8, then the tensors' bytes
/// back to back from offset 0. Tensors are ordered larger dtypes first, then by name (for a
/// float32 model that is the reference writer's order too), and metadata keys by ordinal order,
/// so the same tensors always give the same bytes, whatever order they were passed in.
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>Writes the file to <paramref name="path"/> atomically: a crash mid-write leaves the old file intact.</summary>
    public static void Write(string path, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = Order(tensors);
        var header = BuildHeader(ordered, metadata);
        AtomicFile.Write(path, stream => WriteOrdered(stream, header, ordered));
    }

    /// <summary>Writes the file to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var ordered = Order(tensors);
        WriteOrdered(stream, BuildHeader(ordered, metadata), ordered);
    }

    /// <summary>The file's bytes.</summary>
    public static byte[] ToBytes(IEnumerable<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var stream = new MemoryStream();
        Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    private static NamedTensor[] Order(IEnumerable<NamedTensor> tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = tensors.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in ordered)
        {
            if (t.Name == SafetensorsFormat.MetadataKey)
            {
                throw new ArgumentException($"'{SafetensorsFormat.MetadataKey}' is reserved and cannot name a tensor", nameof(tensors));
            }

            if (!names.Add(t.Name))
            {
                throw new ArgumentException($"two tensors are named '{t.Name}'", nameof(tensors));
            }
        }

        // Larger elements first keeps every tensor aligned to its element size; ties by name make the order total.
        Array.Sort(ordered, static (a, b) =>
        {
            var bySize = SafetensorsDTypes.BitSize(b.DType).CompareTo(SafetensorsDTypes.BitSize(a.DType));
            return bySize != 0 ? bySize : string.CompareOrdinal(a.Name, b.Name);
        });
        return ordered;
    }

    /// <summary>The padded header JSON: <c>{"__metadata__":{...},"name":{"dtype":"F32","shape":[..],"data_offsets":[b,e]},...}</c>.</summary>
    private static byte[] BuildHeader(NamedTensor[] ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        var first = true;
        if (metadata is { Count: > 0 })
        {
            json.Append('"').Append(SafetensorsFormat.MetadataKey).Append("\":{");
            var keys = metadata.Keys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                if (i > 0)
                {
                    json.Append(',');
                }

                JsonText.AppendString(json, keys[i]);
                json.Append(':');
                JsonText.AppendString(json, metadata[keys[i]]);
            }

            json.Append('}');
            first = false;
        }

        long offset = 0;
        foreach (var t in ordered)
        {
            if (!first)
            {
                json.Append(',');
            }

            first = false;
            var length = t.Bytes.Length;
            JsonText.AppendString(json, t.Name);
            json.Append(":{\"dtype\":\"").Append(SafetensorsDTypes.Name(t.DType)).Append("\",\"shape\":[");
            for (var i = 0; i < t.Shape.Count; i++)
            {
                json.Append(i > 0 ? "," : string.Empty).Append(t.Shape[i].ToString(CultureInfo.InvariantCulture));
            }

            json.Append("],\"data_offsets\":[")
                .Append(offset.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((offset + length).ToString(CultureInfo.InvariantCulture)).Append("]}");
            offset += length;
        }

        json.Append('}');
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        var padded = (bytes.Length + SafetensorsFormat.HeaderAlignment - 1) / SafetensorsFormat.HeaderAlignment * SafetensorsFormat.HeaderAlignment;
        var header = new byte[padded];
        bytes.CopyTo(header, 0);
        header.AsSpan(bytes.Length).Fill((byte)' ');
        return header;
    }

    private static void WriteOrdered(Stream stream, byte[] header, NamedTensor[] ordered)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the safetensors writer assumes a little-endian machine");
        }

        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var t in ordered)
        {
            stream.Write(t.Bytes);
        }
    }
}
