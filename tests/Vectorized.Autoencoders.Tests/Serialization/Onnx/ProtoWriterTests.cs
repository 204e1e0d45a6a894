using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.Tests.Serialization.Onnx;

public class ProtoWriterTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7F")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "AC02")]
    [InlineData(16384UL, "808001")]
    [InlineData(ulong.MaxValue, "FFFFFFFFFFFFFFFFFF01")]
    public void VarintsMatchTheProtobufSpecification(ulong value, string hex)
    {
        var writer = new ProtoWriter();
        writer.Varint(value);
        Assert.Equal(hex, Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void NegativeIntegersAreSignExtendedToTenBytes()
    {
        var writer = new ProtoWriter();
        writer.Int64(1, -1);
        Assert.Equal("08FFFFFFFFFFFFFFFFFF01", Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void FieldsCarryTheirNumberAndWireType()
    {
        var writer = new ProtoWriter();
        writer.Int64(1, 150);
        writer.String(2, "testing");
        writer.Float(3, 1f);
        writer.PackedInt64(4, [3, 270]);
        // The examples of the protobuf encoding guide, plus a fixed32 and a packed field.
        Assert.Equal("089601" + "120774657374696E67" + "1D0000803F" + "2203038E02", Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void NestedMessagesAreLengthPrefixed()
    {
        var inner = new ProtoWriter();
        inner.Int64(1, 150);
        var outer = new ProtoWriter();
        outer.Message(3, inner);
        Assert.Equal("1A03089601", Convert.ToHexString(outer.Written));
    }

    [Fact]
    public void LongFieldsGetMultiByteLengths()
    {
        var writer = new ProtoWriter();
        writer.Bytes(9, new byte[200]);
        var fields = ProtoReader.Fields(writer.Written);
        Assert.Equal(200, fields.One(9).Bytes.Length);
        Assert.Equal(3 + 200, writer.Length);
    }

    [Fact]
    public void FieldNumberZeroIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProtoWriter().Int64(0, 1));
}
