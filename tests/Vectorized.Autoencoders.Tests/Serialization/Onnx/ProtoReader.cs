namespace Vectorized.Autoencoders.Tests.Serialization.Onnx;

/// <summary>
/// A test-side protobuf decoder, independent of the writer: splits a message into (field, wire
/// type, value) triples, so tests can read back what the ONNX encoder wrote.
/// </summary>
internal static class ProtoReader
{
    public readonly record struct Field(int Number, int WireType, ulong Varint, byte[] Bytes);

    public static List<Field> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<Field>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var number = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    fields.Add(new Field(number, wire, Varint(message, ref at), []));
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add(new Field(number, wire, 0, message.Slice(at, length).ToArray()));
                    at += length;
                    break;
                case 5:
                    fields.Add(new Field(number, wire, 0, message.Slice(at, 4).ToArray()));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wire} at byte {at}");
            }
        }

        return fields;
    }

    public static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }

    public static IEnumerable<Field> All(this List<Field> fields, int number) => fields.Where(f => f.Number == number);

    public static Field One(this List<Field> fields, int number) => Assert.Single(fields, f => f.Number == number);

    public static string Text(this Field field) => System.Text.Encoding.UTF8.GetString(field.Bytes);
}
