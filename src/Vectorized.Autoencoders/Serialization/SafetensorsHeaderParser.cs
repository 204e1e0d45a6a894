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
        var tensors = new List<SafetensorsTensorInfo>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var metadata = Walk(json, name, shortMetadata: false, (index, info) =>
        {
            if (!names.Add(info.Name))
            {
                throw new FileFormatException(name, $"duplicate tensor name '{Printable(info.Name)}'");
            }

            tensors.Add(info);
        });

        CheckLayout(tensors.ConvertAll(t => new ByteRange(t.Begin, t.End, 0)), dataLength, name, i => tensors[i].Name, indexIsPosition: true);
        tensors.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        return new SafetensorsHeader(metadata, tensors, json.Length, dataLength);
    }

    /// <summary>
    /// Validates exactly as <see cref="Parse"/> does but keeps 24 bytes per tensor (a hash of its
    /// name and its byte range) instead of its name and shape, in one array sized by a counting
    /// pass, so a header of a million tensors costs tens of megabytes, not hundreds. Equal hashes
    /// are confirmed by re-reading the names. Returns the metadata (long values cut for display)
    /// and the tensor count.
    /// </summary>
    public static (IReadOnlyDictionary<string, string> Metadata, int TensorCount) Validate(byte[] json, long dataLength, string name)
    {
        var count = 0;
        Walk(json, name, shortMetadata: true, (_, _) => count++);

        var entries = new Entry[count];
        var metadata = Walk(json, name, shortMetadata: true, (index, info) => entries[index] = new Entry(Hash(info.Name), info.Begin, info.End));

        Array.Sort(entries, static (a, b) => a.Hash.CompareTo(b.Hash));
        for (var i = 1; i < entries.Length; i++)
        {
            if (entries[i].Hash == entries[i - 1].Hash)
            {
                CheckNamesWithHash(json, name, entries[i].Hash);
            }
        }

        Array.Sort(entries, static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        for (var k = 0; k < entries.Length; k++)
        {
            var e = entries[k];
            if (e.Begin != expected)
            {
                // Parse orders equal ranges by header order, so the offender is the rank-th tensor with this range there.
                var rank = 0;
                while (rank < k && entries[k - rank - 1].Begin == e.Begin && entries[k - rank - 1].End == e.End)
                {
                    rank++;
                }

                throw LayoutError(name, NameWithRange(json, name, e.Begin, e.End, rank), e.Begin, e.End, expected);
            }

            expected = e.End;
        }

        CheckEnd(expected, dataLength, name);
        return (metadata, count);
    }

    /// <summary>The name of the <paramref name="rank"/>-th tensor (in header order) whose data_offsets are [begin, end].</summary>
    private static string NameWithRange(byte[] json, string name, long begin, long end, int rank)
    {
        var found = string.Empty;
        var seen = 0;
        Walk(json, name, shortMetadata: true, (_, info) =>
        {
            if (info.Begin == begin && info.End == end && seen++ == rank)
            {
                found = info.Name;
            }
        });
        return found;
    }

    /// <summary>Throws the duplicate-name error if two tensors whose names hash to <paramref name="hash"/> really share a name.</summary>
    private static void CheckNamesWithHash(byte[] json, string name, ulong hash)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Walk(json, name, shortMetadata: true, (_, info) =>
        {
            if (Hash(info.Name) == hash && !names.Add(info.Name))
            {
                throw new FileFormatException(name, $"duplicate tensor name '{Printable(info.Name)}'");
            }
        });
    }

    /// <summary>Calls <paramref name="visit"/> for each tensor in header order; the header must have passed <see cref="Validate"/>.</summary>
    public static void ForEachTensor(byte[] json, string name, Action<SafetensorsTensorInfo> visit) =>
        Walk(json, name, shortMetadata: true, (_, info) => visit(info));

    /// <summary>
    /// Reads the header object, checking each tensor entry on its own; hands each to
    /// <paramref name="onTensor"/> with its position in header order and returns the metadata.
    /// </summary>
    private static SortedDictionary<string, string> Walk(ReadOnlySpan<byte> json, string name, bool shortMetadata, Action<int, SafetensorsTensorInfo> onTensor)
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
        var sawMetadata = false;
        var index = 0;
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
                    ReadMetadata(ref reader, metadata, name, shortMetadata);
                    continue;
                }

                onTensor(index++, ReadTensor(ref reader, key, name));
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

        return metadata;
    }

    /// <summary>FNV-1a over the UTF-16 code units: equal names, equal hashes.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>A tensor's byte range and its position in header order.</summary>
    private readonly record struct ByteRange(long Begin, long End, int Index);

    /// <summary>What <see cref="Validate"/> keeps of a tensor.</summary>
    private readonly record struct Entry(ulong Hash, long Begin, long End);

    /// <summary>Longest metadata value kept whole when <c>shortMetadata</c> asks for values cut for display.</summary>
    private const int ShortValueBytes = 4096;

    private static void ReadMetadata(ref Utf8JsonReader reader, SortedDictionary<string, string> metadata, string name, bool shortMetadata)
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

            var value = shortMetadata && reader.ValueSpan.Length > ShortValueBytes ? CutValue(ref reader) : reader.GetString()!;
            if (!metadata.TryAdd(key, value))
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

    /// <summary>The start of a long string value, decoded without unescaping all of it into memory twice.</summary>
    private static string CutValue(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // Whole UTF-8 was checked up front; cutting may split a character, which decodes as U+FFFD.
            return Encoding.UTF8.GetString(reader.ValueSpan[..ShortValueBytes]) + "...";
        }

        var unescaped = new byte[reader.ValueSpan.Length];
        var length = reader.CopyString(unescaped);
        return Encoding.UTF8.GetString(unescaped, 0, Math.Min(length, ShortValueBytes)) + "...";
    }

    /// <summary>Sorted by offset, the tensors must tile the data section exactly: from 0, no gap, no overlap, to its end.</summary>
    /// <param name="nameOf">The name of a tensor by its <see cref="ByteRange.Index"/> (or list position).</param>
    private static void CheckLayout(List<ByteRange> ranges, long dataLength, string name, Func<int, string> nameOf, bool indexIsPosition)
    {
        if (indexIsPosition)
        {
            for (var i = 0; i < ranges.Count; i++)
            {
                ranges[i] = ranges[i] with { Index = i };
            }
        }

        // Ties broken by header order, so both modes name the same tensor in an error.
        ranges.Sort(static (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End != b.End ? a.End.CompareTo(b.End) : a.Index.CompareTo(b.Index));
        long expected = 0;
        foreach (var t in ranges)
        {
            if (t.Begin != expected)
            {
                throw LayoutError(name, nameOf(t.Index), t.Begin, t.End, expected);
            }

            expected = t.End;
        }

        CheckEnd(expected, dataLength, name);
    }

    /// <summary>A tensor whose range does not start where the previous one (in offset order) ended.</summary>
    private static FileFormatException LayoutError(string name, string tensor, long begin, long end, long expected) =>
        new(name, begin < expected
            ? $"tensor '{Printable(tensor)}': data_offsets [{begin}, {end}] overlap the previous tensor, which ends at {expected}"
            : $"tensor '{Printable(tensor)}': data_offsets [{begin}, {end}] leave a gap after {expected}");

    /// <summary>The tensors, ending at <paramref name="end"/>, must end exactly where the file does.</summary>
    private static void CheckEnd(long end, long dataLength, string name)
    {
        if (end != dataLength)
        {
            throw new FileFormatException(name, end < dataLength
                ? $"{dataLength - end} bytes of data after the last tensor (tensors end at {end}, the data section holds {dataLength})"
                : $"truncated: tensors need {end} data bytes, the file holds {dataLength}");
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
