using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Data;

/// <summary>
/// Reads IDX files (the MNIST format), raw or gzip-compressed, as untrusted input: the header is
/// validated before anything is allocated, and memory grows only with bytes actually present.
/// Layout: two zero bytes, a type code, the number of dimensions, one big-endian uint32 per
/// dimension, then the elements big-endian in row-major order.
/// </summary>
public static class IdxReader
{
    /// <summary>The first two bytes of every gzip stream (RFC 1952).</summary>
    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    /// <summary>The first read of a gzip stream's data; the buffer doubles from here as bytes arrive.</summary>
    private const int InitialGrowth = 1 << 16;

    /// <summary>Reads the whole file; gzip is detected by its magic bytes, not the name.</summary>
    public static IdxArray Read(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads an IDX array from a seekable stream positioned at its first byte; <paramref name="name"/> names it in errors.</summary>
    public static IdxArray Read(Stream stream, string name) => Parse(stream, name, keepData: true).Array!;

    /// <summary>Reads an IDX array held in memory.</summary>
    public static IdxArray Read(ReadOnlyMemory<byte> bytes, string name)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, name);
    }

    /// <summary>
    /// Validates the whole file (header and length, decompressing gzip on the way) but keeps only
    /// the header: what <c>vecae inspect</c> prints, in constant memory whatever the file claims.
    /// </summary>
    public static IdxHeader ReadHeader(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        return Parse(stream, path, keepData: false).Header;
    }

    /// <summary>True when the file starts like an IDX file (two zero bytes, a known type code) or a gzip stream.</summary>
    public static bool LooksLikeIdx(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && ((start[0] == 0 && start[1] == 0 && IdxTypes.IsDefined(start[2])) || (start[0] == GzipMagic0 && start[1] == GzipMagic1));

    private static (IdxHeader Header, IdxArray? Array) Parse(Stream stream, string name, bool keepData)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the IDX reader needs a seekable stream", nameof(stream));
        }

        Span<byte> magic = stackalloc byte[2];
        var start = stream.Position;
        var n = SafeFile.ReadUpTo(stream, magic);
        stream.Position = start;
        if (n == 2 && magic[0] == GzipMagic0 && magic[1] == GzipMagic1)
        {
            try
            {
                using var gzip = new GzipMemberStream(stream, name);
                var parsed = ParseBody(gzip, null, name, keepData, compressed: true);
                // Reading past the data is what checks the gzip trailer and the end of the file.
                Span<byte> extra = stackalloc byte[1];
                if (gzip.Read(extra) != 0)
                {
                    throw new FileFormatException(name, "trailing data after the data bytes the header claims");
                }

                return parsed;
            }
            catch (InvalidDataException e)
            {
                throw new FileFormatException(name, $"corrupt gzip stream ({e.Message.TrimEnd('.')})", e);
            }
        }

        return ParseBody(stream, stream.Length - start, name, keepData, compressed: false);
    }

    /// <param name="knownLength">The stream's length when known up front (raw files); null for gzip.</param>
    private static (IdxHeader Header, IdxArray? Array) ParseBody(Stream stream, long? knownLength, string name, bool keepData, bool compressed)
    {
        var what = compressed ? "decompressed data" : "file";
        Span<byte> fixedPart = stackalloc byte[4];
        var got = SafeFile.ReadUpTo(stream, fixedPart);
        if (got == 0)
        {
            throw new FileFormatException(name, compressed ? "gzip stream holds no data" : "file is empty");
        }

        if (got < 4)
        {
            throw new FileFormatException(name, $"truncated header: {what} has {got} bytes, an IDX header has at least 8");
        }

        if (fixedPart[0] != 0 || fixedPart[1] != 0)
        {
            throw new FileFormatException(name, $"not an IDX file: the first two bytes are 0x{fixedPart[0]:X2} 0x{fixedPart[1]:X2}, not zero");
        }

        if (!IdxTypes.IsDefined(fixedPart[2]))
        {
            throw new FileFormatException(name, $"unknown IDX type code 0x{fixedPart[2]:X2} (expected 08, 09, 0B, 0C, 0D or 0E)");
        }

        var type = (IdxType)fixedPart[2];
        int rank = fixedPart[3];
        if (rank == 0)
        {
            throw new FileFormatException(name, "IDX header declares zero dimensions");
        }

        Span<byte> dimensionBytes = stackalloc byte[4 * 255];
        dimensionBytes = dimensionBytes[..(4 * rank)];
        got = SafeFile.ReadUpTo(stream, dimensionBytes);
        if (got < dimensionBytes.Length)
        {
            throw new FileFormatException(name, $"truncated header: {rank} dimensions need {4 + dimensionBytes.Length} bytes, {what} has {4 + got}");
        }

        var dimensions = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var d = BinaryPrimitives.ReadUInt32BigEndian(dimensionBytes[(4 * i)..]);
            if (d > int.MaxValue)
            {
                throw new FileFormatException(name, $"dimension {i} is {d}, more than {int.MaxValue}");
            }

            dimensions[i] = (int)d;
        }

        // Checked 64-bit product; a zero dimension anywhere makes the count 0 even if the others overflow.
        long count = 1;
        var overflow = false;
        foreach (var d in dimensions)
        {
            if (d == 0)
            {
                count = 0;
                overflow = false;
                break;
            }

            if (!overflow && count > long.MaxValue / d)
            {
                overflow = true;
            }
            else if (!overflow)
            {
                count *= d;
            }
        }

        var elementSize = IdxTypes.SizeOf(type);
        if (overflow || count > long.MaxValue / elementSize)
        {
            throw new FileFormatException(name, $"header claims {ShapeText(dimensions)} elements, an element count that overflows 64 bits");
        }

        var header = new IdxHeader(type, dimensions, count);
        var claim = count * elementSize;
        var headerLength = 4 + (4 * rank);
        if (knownLength is { } length && length - headerLength != claim)
        {
            var actual = length - headerLength;
            throw new FileFormatException(name, actual < claim
                ? $"truncated: header claims {ShapeText(dimensions)} x {elementSize} bytes = {claim} data bytes, the file holds {actual}"
                : $"{actual - claim} bytes of trailing data after the {claim} data bytes the header claims");
        }

        if (!keepData)
        {
            if (knownLength is null)
            {
                CountToEnd(stream, claim, name);
            }

            return (header, null);
        }

        if (claim > Array.MaxLength)
        {
            throw new FileFormatException(name, $"header claims {claim} data bytes, more than the {Array.MaxLength} this reader can hold in memory");
        }

        var data = knownLength is null ? ReadGrowing(stream, (int)claim, name) : ReadExact(stream, (int)claim, name);
        ToNativeOrder(type, data);
        return (header, IdxArray.Wrap(type, dimensions, data));
    }

    private static byte[] ReadExact(Stream stream, int claim, string name)
    {
        var data = claim == 0 ? [] : GC.AllocateUninitializedArray<byte>(claim);
        var got = SafeFile.ReadUpTo(stream, data);
        if (got != claim)
        {
            // The length was checked, so only a file that shrank while being read lands here.
            throw new FileFormatException(name, $"truncated: expected {claim} data bytes, read {got}");
        }

        return data;
    }

    /// <summary>
    /// Reads exactly <paramref name="claim"/> bytes from a stream of unknown length (gzip) into a
    /// buffer that doubles only as data arrives, so a lying header costs no more memory than the
    /// bytes really present; then checks that nothing follows.
    /// </summary>
    private static byte[] ReadGrowing(Stream stream, int claim, string name)
    {
        var data = new byte[Math.Min(claim, InitialGrowth)];
        var filled = 0;
        while (true)
        {
            if (filled == data.Length)
            {
                if (filled == claim)
                {
                    break;
                }

                Array.Resize(ref data, (int)Math.Min(claim, 2L * data.Length));
            }

            var n = stream.Read(data, filled, data.Length - filled);
            if (n == 0)
            {
                throw new FileFormatException(name, $"truncated: header claims {claim} data bytes, the decompressed data holds {filled}");
            }

            filled += n;
        }

        Span<byte> extra = stackalloc byte[1];
        if (stream.Read(extra) != 0)
        {
            throw new FileFormatException(name, $"trailing data after the {claim} data bytes the header claims");
        }

        return data;
    }

    /// <summary>Reads and discards the data of a gzip stream, checking it holds exactly <paramref name="claim"/> bytes.</summary>
    private static void CountToEnd(Stream stream, long claim, string name)
    {
        var scratch = new byte[InitialGrowth];
        long total = 0;
        while (total <= claim)
        {
            var n = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, claim + 1 - total));
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        if (total < claim)
        {
            throw new FileFormatException(name, $"truncated: header claims {claim} data bytes, the decompressed data holds {total}");
        }

        if (total > claim)
        {
            throw new FileFormatException(name, $"trailing data after the {claim} data bytes the header claims");
        }
    }

    /// <summary>IDX stores elements big-endian; swap them in place on little-endian machines.</summary>
    private static void ToNativeOrder(IdxType type, byte[] data)
    {
        if (!BitConverter.IsLittleEndian)
        {
            return;
        }

        switch (IdxTypes.SizeOf(type))
        {
            case 2:
                var shorts = MemoryMarshal.Cast<byte, short>(data.AsSpan());
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = MemoryMarshal.Cast<byte, int>(data.AsSpan());
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = MemoryMarshal.Cast<byte, long>(data.AsSpan());
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            default:
                break;
        }
    }

    private static string ShapeText(int[] dimensions) => "[" + string.Join(", ", dimensions) + "]";
}
