using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Vectorized.Autoencoders.Onnx;

/// <summary>
/// The protocol-buffers wire format, written by hand so the library needs no protobuf package:
/// each field is a tag (field number and wire type in a varint) followed by a varint, a 4-byte
/// little-endian value, or a length-prefixed run of bytes. A nested message is encoded into its
/// own writer first, because its length prefix must be known before its bytes.
/// </summary>
internal sealed class ProtoWriter
{
    /// <summary>The wire types this writer emits (protobuf's numbering).</summary>
    public enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        Fixed32 = 5,
    }

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes encoded so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public int Length => _buffer.WrittenCount;

    /// <summary>Base-128 varint, low group first; the top bit of each byte says another follows.</summary>
    public void Varint(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    public void Tag(int field, WireType type)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(field, 1);
        Varint(((ulong)(uint)field << 3) | (uint)type);
    }

    /// <summary>An int32, int64 or enum field. Negative values take ten bytes: protobuf sign-extends them to 64 bits.</summary>
    public void Int64(int field, long value)
    {
        Tag(field, WireType.Varint);
        Varint((ulong)value);
    }

    /// <summary>A float field: four little-endian IEEE 754 bytes.</summary>
    public void Float(int field, float value)
    {
        Tag(field, WireType.Fixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Bytes(int field, ReadOnlySpan<byte> bytes)
    {
        Tag(field, WireType.LengthDelimited);
        Varint((ulong)bytes.Length);
        _buffer.Write(bytes);
    }

    /// <summary>A string field: its UTF-8 bytes, length-prefixed.</summary>
    public void String(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

    /// <summary>A nested message: the other writer's bytes, length-prefixed.</summary>
    public void Message(int field, ProtoWriter message) => Bytes(field, message.Written);

    /// <summary>A packed repeated int64 field: one length prefix, then the varints back to back.</summary>
    public void PackedInt64(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtoWriter();
        foreach (var value in values)
        {
            packed.Varint((ulong)value);
        }

        Bytes(field, packed.Written);
    }

    /// <summary>A packed repeated float field: four little-endian bytes per value.</summary>
    public void PackedFloat(int field, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        Bytes(field, bytes);
    }
}
