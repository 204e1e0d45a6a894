using System.Text;
using System.Text.Json;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae inspect --json</c>: the same facts as the text form, as one JSON object written with
/// <see cref="Utf8JsonWriter"/> (AOT-safe) and flushed in pieces, so a header of a million tensors
/// never sits in memory as one string.
/// </summary>
internal static class InspectJson
{
    private const int FlushEvery = 256;

    /// <summary>UTF-16 staging for <see cref="Drain"/>; UTF-8 never decodes to more chars than it has bytes.</summary>
    [ThreadStatic]
    private static char[]? _chars;

    private static char[] Chars
    {
        get => _chars ??= new char[16 * 1024];
        set => _chars = value;
    }

    public static void WriteIdx(string path, IdxHeader header, TextWriter stdout)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteString("format", "idx");
            json.WriteString("type", IdxTypes.Name(header.Type));
            json.WriteNumber("type_code", (byte)header.Type);
            json.WriteStartArray("dimensions");
            foreach (var d in header.Dimensions)
            {
                json.WriteNumberValue(d);
            }

            json.WriteEndArray();
            json.WriteNumber("elements", header.ElementCount);
            json.WriteNumber("data_bytes", header.DataLength);
            json.WriteEndObject();
        }

        Drain(buffer, stdout);
        stdout.WriteLine();
    }

    /// <param name="nonFinite">The tensors holding NaN or infinite values, each given a "non_finite" object.</param>
    public static void WriteSafetensors(SafetensorsScan scan, Dictionary<string, InspectNonFinite.Counts> nonFinite, TextWriter stdout)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("file", scan.Name);
            json.WriteString("format", scan.IsCheckpoint ? "checkpoint" : "safetensors");
            json.WriteNumber("header_bytes", scan.HeaderLength);
            json.WriteNumber("data_bytes", scan.DataLength);
            json.WriteStartObject("metadata");
            foreach (var (key, value) in scan.Metadata)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("tensors");
            var written = 0;
            scan.ForEachTensor(t =>
            {
                json.WriteStartObject();
                json.WriteString("name", t.Name);
                json.WriteString("dtype", SafetensorsDTypes.Name(t.DType));
                json.WriteStartArray("shape");
                foreach (var d in t.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(t.Begin);
                json.WriteNumberValue(t.End);
                json.WriteEndArray();
                if (nonFinite.TryGetValue(t.Name, out var counts))
                {
                    json.WriteStartObject("non_finite");
                    json.WriteNumber("nan", counts.NaN);
                    json.WriteNumber("positive_infinity", counts.PositiveInfinity);
                    json.WriteNumber("negative_infinity", counts.NegativeInfinity);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                if (++written % FlushEvery == 0)
                {
                    json.Flush();
                    Drain(buffer, stdout);
                }
            });
            json.WriteEndArray();
            json.WriteEndObject();
        }

        Drain(buffer, stdout);
        stdout.WriteLine();
    }

    /// <summary>
    /// Moves what the writer produced so far to <paramref name="stdout"/> and empties the buffer,
    /// through one reused char array: a fresh string per piece would land on the large-object heap
    /// and pile up until a full collection.
    /// </summary>
    private static void Drain(MemoryStream buffer, TextWriter stdout)
    {
        var length = (int)buffer.Length;
        if (Chars.Length < length)
        {
            Chars = new char[Math.Max(length, 2 * Chars.Length)];
        }

        var count = Encoding.UTF8.GetChars(buffer.GetBuffer(), 0, length, Chars, 0);
        stdout.Write(Chars, 0, count);
        buffer.SetLength(0);
    }
}
