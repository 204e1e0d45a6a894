using System.Text;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary>Byte-exact examples of the format as its specification and reference implementation define it.</summary>
public class SafetensorsGoldenTests
{
    [Fact]
    public void EmptyFileIsLengthEightThenBracesAndSixSpaces()
    {
        var bytes = SafetensorsWriter.ToBytes([]);
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32 }, bytes);

        var file = SafetensorsFile.Read(bytes, "empty");
        Assert.Empty(file.Tensors);
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void OneFloatTensorMatchesTheSpecLayout()
    {
        float[] values = [0, 1, 2, 3, 4, 5];
        var bytes = SafetensorsWriter.ToBytes([NamedTensor.Float32("attn.0", values, 1, 2, 3)]);

        const string json = """{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}""";
        Assert.Equal(64, json.Length); // already a multiple of 8: no padding
        Assert.Equal((ulong)json.Length, BitConverter.ToUInt64(bytes, 0));
        Assert.Equal(json, Encoding.UTF8.GetString(bytes, 8, json.Length));
        Assert.Equal(
            new byte[] { 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64 },
            bytes[(8 + json.Length)..]);
    }

    [Fact]
    public void MetadataComesFirstAndHeaderIsPaddedWithSpaces()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["arch"] = """{"layers":[784,32]}""" };
        var bytes = SafetensorsWriter.ToBytes([NamedTensor.Float32("b", new float[] { 1 }, 1)], metadata);
        var length = (int)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, length % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, length);
        const string json = """{"__metadata__":{"arch":"{\"layers\":[784,32]}","format":"pt"},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""";
        Assert.Equal(json + new string(' ', length - json.Length), header);
        Assert.InRange(length - json.Length, 0, 7);
        Assert.Equal(8 + length + 4, bytes.Length);
    }

    [Fact]
    public void ScalarAndZeroSizedTensorsAreLegal()
    {
        // A scalar has shape [] and one element; a [0] tensor has empty offsets [n, n].
        var bytes = SafetensorsWriter.ToBytes(
        [
            NamedTensor.FromBytes("scalar", SafetensorsDType.I32, new byte[] { 7, 0, 0, 0 }),
            NamedTensor.FromBytes("nothing", SafetensorsDType.I32, Array.Empty<byte>(), 0),
        ]);
        var file = SafetensorsFile.Read(bytes, "x");
        Assert.Empty(file.GetInfo("scalar").Shape);
        Assert.Equal(1, file.GetInfo("scalar").ElementCount);
        Assert.Equal(new byte[] { 7, 0, 0, 0 }, file.GetBytes("scalar").ToArray());
        Assert.Equal(0, file.GetInfo("nothing").ByteLength);
    }

    [Fact]
    public void ReadsAHandWrittenHeaderInAnyKeyOrderWithUnknownFields()
    {
        // Another writer may order keys differently and add fields the format does not define.
        const string json = """{ "b" : { "data_offsets" : [ 2 , 3 ], "shape": [1], "dtype": "U8", "extra": {"x": [1, {"y": null}]} }, "a": {"dtype":"BOOL","shape":[2],"data_offsets":[0,2]}, "__metadata__": {"k": "v"} } """;
        var header = Encoding.UTF8.GetBytes(json);
        var bytes = new byte[8 + header.Length + 3];
        BitConverter.TryWriteBytes(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        bytes[^3] = 1;
        bytes[^2] = 0;
        bytes[^1] = 200;

        var file = SafetensorsFile.Read(bytes, "hand");
        Assert.Equal(["a", "b"], file.Tensors.Select(t => t.Name));
        Assert.Equal(SafetensorsDType.U8, file.GetInfo("b").DType);
        Assert.Equal(new byte[] { 200 }, file.GetBytes("b").ToArray());
        Assert.Equal("v", file.Metadata["k"]);
    }

    [Fact]
    public void WriterEscapesNamesLikeTheReference()
    {
        var bytes = SafetensorsWriter.ToBytes([NamedTensor.Float32("q\"\\\n\u0001é<", Array.Empty<float>(), 0)]);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)BitConverter.ToUInt64(bytes, 0)).TrimEnd();
        Assert.StartsWith("""{"q\"\\\n\u0001é<":""", header);
        Assert.Equal("q\"\\\n\u0001é<", SafetensorsFile.Read(bytes, "x").Tensors[0].Name);
    }
}
