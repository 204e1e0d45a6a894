using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

using Vectorized.Autoencoders.IO;
namespace Vectorized.Autoencoders.Serialization.Npy;

/// <summary>
/// Writes NumPy .npy files, format version 1.0, that <c>numpy.load</c> reads: little-endian
/// float32 (<c>'&lt;f4'</c>) or uint8 (<c>'|u1'</c>), C order, with the header padded with spaces
/// and a newline so the data starts on a 64-byte boundary, as NumPy's own writer does.
/// </summary>
public static class NpyWriter
{
    private const int Alignment = 64;

    /// <summary>Writes float32 <paramref name="values"/> with <paramref name="shape"/> atomically.</summary>
    // values: [product of shape], row-major
    public static void Write(string path, ReadOnlySpan<float> values, params ReadOnlySpan<int> shape) =>
        AtomicFile.WriteAllBytes(path, ToBytes(values, shape));

    /// <summary>Writes uint8 <paramref name="values"/> with <paramref name="shape"/> atomically.</summary>
    // values: [product of shape], row-major
    public static void Write(string path, ReadOnlySpan<byte> values, params ReadOnlySpan<int> shape) =>
        AtomicFile.WriteAllBytes(path, ToBytes(values, shape));

    /// <summary>The bytes of a float32 .npy file.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> values, params ReadOnlySpan<int> shape)
    {
        var header = Header(NpyDType.Float32, values.Length, shape);
        var bytes = new byte[header.Length + (values.Length * sizeof(float))];
        header.CopyTo(bytes, 0);
        var data = bytes.AsSpan(header.Length);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(data);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(data[(4 * i)..], values[i]);
            }
        }

        return bytes;
    }

    /// <summary>The bytes of a uint8 .npy file.</summary>
    public static byte[] ToBytes(ReadOnlySpan<byte> values, params ReadOnlySpan<int> shape)
    {
        var header = Header(NpyDType.UInt8, values.Length, shape);
        var bytes = new byte[header.Length + values.Length];
        header.CopyTo(bytes, 0);
        values.CopyTo(bytes.AsSpan(header.Length));
        return bytes;
    }

    /// <summary>Magic, version 1.0, the header length and the padded header dict.</summary>
    private static byte[] Header(NpyDType dtype, int count, ReadOnlySpan<int> shape)
    {
        if (shape.Length is < 1 or > NpyHeader.MaxRank)
        {
            throw new ArgumentException($"a .npy array here has 1 to {NpyHeader.MaxRank} dimensions, got {shape.Length}", nameof(shape));
        }

        long product = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            product = checked(product * d);
        }

        if (product != count)
        {
            throw new ArgumentException($"the shape holds {product} elements but {count} values were given", nameof(shape));
        }

        var dict = $"{{'descr': '{NpyDTypes.Descriptor(dtype, false)}', 'fortran_order': False, 'shape': {NpyDTypes.TupleText(shape.ToArray())}, }}";
        const int preamble = 10;
        var padded = (preamble + dict.Length + 1 + Alignment - 1) / Alignment * Alignment - preamble;
        var text = dict.PadRight(padded - 1) + "\n";
        var header = new byte[preamble + text.Length];
        NpyReader.Magic.CopyTo(header);
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, header.AsSpan(preamble));
        return header;
    }
}
