using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vectorized.Autoencoders.Serialization.Npy;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae inspect</c> of a .npy file: its dtype, shape and sizes, as text or one JSON object. Only the header is read.</summary>
internal static class InspectNpy
{
    public static void Print(string path, NpyHeader header, TextWriter stdout)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine($"{path}: NumPy .npy (format {header.MajorVersion}.0)");
        stdout.WriteLine($"  dtype:    {header.Descriptor} ({(header.DType == NpyDType.Float32 ? "float32" : "uint8")})");
        stdout.WriteLine($"  shape:    {header.ShapeText}");
        stdout.WriteLine($"  elements: {header.ElementCount.ToString("N0", inv)} ({header.DataLength.ToString("N0", inv)} data bytes from offset {header.DataOffset.ToString(inv)})");
    }

    public static void Json(string path, NpyHeader header, TextWriter stdout)
    {
        var buffer = new MemoryStream();
        // Relaxed escaping keeps the dtype readable: '<f4', not '\u003Cf4'.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("file", path);
            json.WriteString("format", "npy");
            json.WriteNumber("version", header.MajorVersion);
            json.WriteString("dtype", header.Descriptor);
            json.WriteStartArray("shape");
            foreach (var d in header.Shape)
            {
                json.WriteNumberValue(d);
            }

            json.WriteEndArray();
            json.WriteNumber("elements", header.ElementCount);
            json.WriteNumber("data_bytes", header.DataLength);
            json.WriteNumber("data_offset", header.DataOffset);
            json.WriteEndObject();
        }

        stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
