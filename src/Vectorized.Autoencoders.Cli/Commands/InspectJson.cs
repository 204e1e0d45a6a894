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
    private const int FlushEvery = 1024;

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

    public static void WriteSafetensors(SafetensorsScan scan, TextWriter stdout)
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

    /// <summary>Moves what the writer produced so far to <paramref name="stdout"/> and empties the buffer.</summary>
    private static void Drain(MemoryStream buffer, TextWriter stdout)
    {
        stdout.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        buffer.SetLength(0);
    }
}
