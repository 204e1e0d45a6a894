using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// Parses and validates a safetensors header with <see cref="Utf8JsonReader"/> (no reflection, so
/// AOT-safe), checking everything the reference reader checks: UTF-8, one JSON object, known
/// dtypes, shape x dtype size equal to each tensor's byte span with checked arithmetic, spans
/// contiguous from 0 without gap or overlap, and the data ending exactly at the end of the file;
/// plus duplicate names, which the reference's map silently merges.
/// </summary>
internal static class SafetensorsHeaderParser
{
    /// <param name="json">[headerLength] the header bytes after the 8-byte length.</param>
    /// <param name="dataLength">Bytes in the file after the header.</param>
    public static SafetensorsHeader Parse(ReadOnlySpan<byte> json, long dataLength, string name)
    {
        if (!Utf8.IsValid(json))
        {
            throw new FileFormatException(name, "header is not valid UTF-8");
        }

        if (json.Length == 0 || json[0] != (byte)'{')
        {
            throw new FileFormatException(name, "header does not start with '{'");
        }

        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tensors = new List<SafetensorsTensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var sawMetadata = false;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
            Expect(ref reader, JsonTokenType.StartObject, name, "header is not a JSON object");
            while (true)
            {
                Next(ref reader, name);
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                var key = reader.GetString()!;
                if (key == SafetensorsFormat.MetadataKey)
                {
                    if (sawMetadata)
                    {
                        throw new FileFormatException(name, "duplicate __metadata__");
                    }

                    sawMetadata = true;
                    ReadMetadata(ref reader, metadata, name);
                    continue;
                }

                if (!names.Add(key))
                {
                    throw new FileFormatException(name, $"duplicate tensor name '{Printable(key)}'");
                }

                tensors.Add(ReadTensor(ref reader, key, name));
            }

            if (reader.Read())
            {
                throw new FileFormatException(name, "header has data after its JSON object");
            }
        }
        catch (JsonException e)
        {
            throw new FileFormatException(name, $"header is not valid JSON ({FirstSentence(e.Message)})", e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader's accessors throw this for a token of the wrong kind.
            throw new FileFormatException(name, $"header is not valid JSON ({FirstSentence(e.Message)})", e);
        }

        CheckLayout(tensors, dataLength, name);
        return new SafetensorsHeader(metadata, tensors, json.Length, dataLength);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, SortedDictionary<string, string> metadata, string name)
    {
        Next(ref reader, name);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FileFormatException(name, "__metadata__ is not a JSON object");
        }

        while (true)
        {
            Next(ref reader, name);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            var key = reader.GetString()!;
            Next(ref reader, name);
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new FileFormatException(name, $"__metadata__ value of '{Printable(key)}' is not a string");
            }

            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw new FileFormatException(name, $"duplicate __metadata__ key '{Printable(key)}'");
            }
        }
    }

    private static SafetensorsTensorInfo ReadTensor(ref Utf8JsonReader reader, string tensor, string name)
    {
        Next(ref reader, name);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}' is not a JSON object");
        }

        SafetensorsDType? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (true)
        {
            Next(ref reader, name);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var field = reader.GetString()!;
            switch (field)
            {
                case "dtype":
                    if (dtype is not null)
                    {
                        throw new FileFormatException(name, $"tensor '{Printable(tensor)}' has two dtype fields");
                    }

                    Next(ref reader, name);
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        throw new FileFormatException(name, $"tensor '{Printable(tensor)}': dtype is not a string");
                    }

                    var text = reader.GetString()!;
                    if (!SafetensorsDTypes.TryParse(text, out var parsed))
                    {
                        throw new FileFormatException(name, $"tensor '{Printable(tensor)}': unknown dtype '{Printable(text)}'");
                    }

                    dtype = parsed;
                    break;
                case "shape":
                    if (shape is not null)
                    {
                        throw new FileFormatException(name, $"tensor '{Printable(tensor)}' has two shape fields");
                    }

                    shape = ReadIntegers(ref reader, tensor, "shape", name);
                    break;
                case "data_offsets":
                    if (offsets is not null)
                    {
                        throw new FileFormatException(name, $"tensor '{Printable(tensor)}' has two data_offsets fields");
                    }

                    offsets = ReadIntegers(ref reader, tensor, "data_offsets", name);
                    if (offsets.Length != 2)
                    {
                        throw new FileFormatException(name, $"tensor '{Printable(tensor)}': data_offsets has {offsets.Length} numbers, expected 2");
                    }

                    break;
                default:
                    // Unknown fields are ignored, as the reference reader does.
                    // Skip on a property name reads past its whole value.
                    reader.Skip();
                    break;
            }
        }

        if (dtype is null)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}' has no dtype");
        }

        if (shape is null)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}' has no shape");
        }

        if (offsets is null)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}' has no data_offsets");
        }

        long count = 1;
        foreach (var d in shape)
        {
            if (d != 0 && count > long.MaxValue / d)
            {
                throw new FileFormatException(name, $"tensor '{Printable(tensor)}': shape [{string.Join(", ", shape)}] overflows 64 bits");
            }

            count *= d;
        }

        var bits = SafetensorsDTypes.BitSize(dtype.Value);
        if (count > long.MaxValue / bits)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}': shape [{string.Join(", ", shape)}] overflows 64 bits");
        }

        var totalBits = count * bits;
        if (totalBits % 8 != 0)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}': {count} elements of {bits} bits do not fill whole bytes");
        }

        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}': data_offsets [{begin}, {end}] end before they begin");
        }

        if (end - begin != totalBits / 8)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}': {dtype} [{string.Join(", ", shape)}] needs {totalBits / 8} bytes but data_offsets [{begin}, {end}] span {end - begin}");
        }

        return new SafetensorsTensorInfo(tensor, dtype.Value, shape, begin, end, count);
    }

    /// <summary>Reads an array of non-negative integers that fit in 63 bits.</summary>
    private static long[] ReadIntegers(ref Utf8JsonReader reader, string tensor, string field, string name)
    {
        Next(ref reader, name);
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FileFormatException(name, $"tensor '{Printable(tensor)}': {field} is not an array");
        }

        var values = new List<long>();
        while (true)
        {
            Next(ref reader, name);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return [.. values];
            }

            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out var value))
            {
                throw new FileFormatException(name, $"tensor '{Printable(tensor)}': {field} holds something other than a non-negative integer");
            }

            if (value > long.MaxValue)
            {
                throw new FileFormatException(name, $"tensor '{Printable(tensor)}': {field} value {value} is too large");
            }

            values.Add((long)value);
        }
    }

    /// <summary>Sorted by offset, the tensors must tile the data section exactly: from 0, no gap, no overlap, to its end.</summary>
    private static void CheckLayout(List<SafetensorsTensorInfo> tensors, long dataLength, string name)
    {
        tensors.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        foreach (var t in tensors)
        {
            if (t.Begin != expected)
            {
                throw new FileFormatException(name, t.Begin < expected
                    ? $"tensor '{Printable(t.Name)}': data_offsets [{t.Begin}, {t.End}] overlap the previous tensor, which ends at {expected}"
                    : $"tensor '{Printable(t.Name)}': data_offsets [{t.Begin}, {t.End}] leave a gap after {expected}");
            }

            expected = t.End;
        }

        if (expected != dataLength)
        {
            throw new FileFormatException(name, expected < dataLength
                ? $"{dataLength - expected} bytes of data after the last tensor (tensors end at {expected}, the data section holds {dataLength})"
                : $"truncated: tensors need {expected} data bytes, the file holds {dataLength}");
        }
    }

    private static void Next(ref Utf8JsonReader reader, string name)
    {
        if (!reader.Read())
        {
            throw new FileFormatException(name, "header JSON ends early");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string name, string reason)
    {
        Next(ref reader, name);
        if (reader.TokenType != type)
        {
            throw new FileFormatException(name, reason);
        }
    }

    /// <summary>A name from the file, made safe for a one-line error: control characters escaped, length capped.</summary>
    internal static string Printable(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            if (builder.Length >= 80)
            {
                builder.Append("...");
                break;
            }

            if (char.IsControl(c))
            {
                builder.Append($"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 160 ? line[..160] + "..." : line.TrimEnd('.');
    }
}
