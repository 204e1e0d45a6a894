using System.Buffers.Binary;
using System.Text;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Serialization.Npy;

/// <summary>
/// Reads NumPy .npy files (format versions 1.0, 2.0 and 3.0) as untrusted input: float32 or uint8,
/// C order, 1 to <see cref="NpyHeader.MaxRank"/> dimensions. The header is validated against the
/// file's length before anything sized by it is allocated, so a file that claims terabytes costs
/// nothing; every problem is a <see cref="FileFormatException"/> naming the file.
/// </summary>
public static class NpyReader
{
    /// <summary>The six bytes every .npy file starts with: 0x93 then "NUMPY".</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The longest header accepted. NumPy itself refuses headers over 10,000 bytes by default.</summary>
    public const int MaxHeaderLength = 1 << 16;

    /// <summary>Reads the whole array.</summary>
    public static NpyArray Read(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        var header = ParseHeader(stream, path);
        if (header.DataLength > Array.MaxLength)
        {
            throw new FileFormatException(path, $"holds {header.DataLength} data bytes, more than the {Array.MaxLength} this reader can hold in memory");
        }

        var data = header.DataLength == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)header.DataLength);
        var got = SafeFile.ReadUpTo(stream, data);
        if (got != data.Length)
        {
            // The length was checked, so only a file that shrank while being read lands here.
            throw new FileFormatException(path, $"truncated: expected {data.Length} data bytes, read {got}");
        }

        if (header.BigEndian == BitConverter.IsLittleEndian && header.ElementSize == 4)
        {
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }

        return new NpyArray(header.DType, header.ShapeArray, data);
    }

    /// <summary>Validates the header and the file's length; reads no data (what <c>vecae inspect</c> prints).</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        return ParseHeader(stream, path);
    }

    /// <summary>True when the bytes start with the .npy magic.</summary>
    public static bool LooksLikeNpy(ReadOnlySpan<byte> start) => start.StartsWith(Magic);

    private static NpyHeader ParseHeader(FileStream stream, string path)
    {
        var fileLength = stream.Length;
        if (fileLength == 0)
        {
            throw new FileFormatException(path, "file is empty");
        }

        Span<byte> preamble = stackalloc byte[12];
        var got = SafeFile.ReadUpTo(stream, preamble);
        if (!preamble[..Math.Min(got, Magic.Length)].SequenceEqual(Magic[..Math.Min(got, Magic.Length)]))
        {
            throw new FileFormatException(path, "not a .npy file: it does not start with \\x93NUMPY");
        }

        if (got < 10)
        {
            throw new FileFormatException(path, $"truncated header: the file has {got} bytes, a .npy preamble has 10");
        }

        int major = preamble[6], minor = preamble[7];
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new FileFormatException(path, $"unsupported .npy format version {major}.{minor} (vecae reads 1.0, 2.0 and 3.0)");
        }

        long headerLength;
        int preambleLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..]);
            preambleLength = 10;
        }
        else
        {
            if (got < 12)
            {
                throw new FileFormatException(path, $"truncated header: the file has {got} bytes, a version {major}.0 preamble has 12");
            }

            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..]);
            preambleLength = 12;
        }

        if (headerLength > MaxHeaderLength)
        {
            throw new FileFormatException(path, $"header length {headerLength} is more than the {MaxHeaderLength}-byte limit");
        }

        if (preambleLength + headerLength > fileLength)
        {
            throw new FileFormatException(path, $"header length {headerLength} runs past the end of the file ({fileLength} bytes)");
        }

        var headerBytes = new byte[headerLength];
        stream.Position = preambleLength;
        if (SafeFile.ReadUpTo(stream, headerBytes) != headerBytes.Length)
        {
            throw new FileFormatException(path, "truncated header");
        }

        foreach (var b in headerBytes)
        {
            if (b is >= 0x80 or (< 0x20 and not (byte)'\n' and not (byte)'\t' and not (byte)'\r'))
            {
                throw new FileFormatException(path, $"the header holds the byte 0x{b:X2}; it must be printable ASCII");
            }
        }

        var (descriptor, fortranOrder, shape) = NpyHeaderParser.Parse(Encoding.ASCII.GetString(headerBytes), path);
        if (!NpyDTypes.TryParse(descriptor, out var dtype, out var bigEndian))
        {
            throw new FileFormatException(path, $"dtype '{(descriptor.Length > 20 ? descriptor[..20] + "..." : descriptor)}' is not supported (vecae reads float32 '<f4' and uint8 '|u1')");
        }

        if (fortranOrder)
        {
            throw new FileFormatException(path, "the array is in Fortran order; vecae reads C order (save it with numpy.ascontiguousarray)");
        }

        if (shape.Length is 0 or > NpyHeader.MaxRank)
        {
            throw new FileFormatException(path, $"shape {ShapeText(shape)} has {shape.Length} dimensions; vecae reads 1 to {NpyHeader.MaxRank}");
        }

        var dimensions = new int[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            dimensions[i] = shape[i] <= int.MaxValue ? (int)shape[i] : throw new FileFormatException(path, $"dimension {i} is {shape[i]}, more than {int.MaxValue}");
        }

        // A zero dimension makes the count 0 whatever the others are; otherwise the 64-bit product must not overflow.
        var elementSize = NpyDTypes.SizeOf(dtype);
        long count = shape.Contains(0) ? 0 : 1;
        foreach (var d in shape)
        {
            if (count != 0 && count > long.MaxValue / elementSize / d)
            {
                throw new FileFormatException(path, $"shape {ShapeText(shape)} has an element count that overflows 64 bits");
            }

            count *= count == 0 ? 1 : d;
        }

        var claim = count * elementSize;
        var dataOffset = preambleLength + headerLength;
        var actual = fileLength - dataOffset;
        if (actual != claim)
        {
            throw new FileFormatException(path, actual < claim
                ? $"truncated: shape {ShapeText(shape)} x {elementSize} bytes = {claim} data bytes, the file holds {actual}"
                : $"{actual - claim} bytes of trailing data after the {claim} data bytes the shape claims");
        }

        return new NpyHeader(major, dtype, bigEndian, dimensions, count, dataOffset);
    }

    private static string ShapeText(long[] shape) => shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
}
