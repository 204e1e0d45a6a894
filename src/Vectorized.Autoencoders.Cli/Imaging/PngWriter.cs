using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.IO;
namespace Vectorized.Autoencoders.Imaging;

/// <summary>
/// Writes 8-bit grayscale and RGB PNG files: signature, IHDR, one IDAT (zlib from the base
/// library), IEND. Each row gets the PNG filter (None, Sub, Up, Average, Paeth) whose output
/// has the smallest sum of absolute values, the heuristic the PNG specification suggests;
/// it shrinks smooth plots and digit grids well below unfiltered size.
/// </summary>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private const byte ColorTypeGray = 0;
    private const byte ColorTypeRgb = 2;

    /// <summary>Encodes <paramref name="image"/> as PNG bytes.</summary>
    public static byte[] Encode(Raster image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream();
        Write(image, stream);
        return stream.ToArray();
    }

    /// <summary>Writes <paramref name="image"/> as a PNG file, atomically replacing a regular file at <paramref name="path"/>.</summary>
    public static void WriteFile(string path, Raster image)
    {
        ArgumentNullException.ThrowIfNull(image);
        AtomicFile.WriteAllBytes(path, Encode(image));
    }

    /// <summary>Writes <paramref name="image"/> as PNG to <paramref name="destination"/>.</summary>
    public static void Write(Raster image, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8; // bit depth
        header[9] = image.Channels == 1 ? ColorTypeGray : ColorTypeRgb;
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method: adaptive, five types
        header[12] = 0; // no interlace
        WriteChunk(destination, "IHDR", header);

        WriteChunk(destination, "IDAT", Compress(FilterRows(image)));
        WriteChunk(destination, "IEND", []);
    }

    /// <summary>The filtered scanlines: [height, 1 + stride], each row led by its filter type byte.</summary>
    internal static byte[] FilterRows(Raster image)
    {
        var stride = image.Stride;
        var bpp = image.Channels;
        var output = new byte[image.Height * (stride + 1)];
        var candidate = new byte[stride];
        var zeroRow = new byte[stride];
        for (var y = 0; y < image.Height; y++)
        {
            ReadOnlySpan<byte> row = image.Row(y);
            ReadOnlySpan<byte> above = y == 0 ? zeroRow : image.Row(y - 1);
            var destination = output.AsSpan(y * (stride + 1), stride + 1);
            var bestScore = long.MaxValue;
            for (byte filter = 0; filter <= 4; filter++)
            {
                ApplyFilter(row, above, bpp, filter, candidate);
                var score = Score(candidate);
                if (score < bestScore)
                {
                    bestScore = score;
                    destination[0] = filter;
                    candidate.CopyTo(destination[1..]);
                }
            }
        }

        return output;
    }

    // row, above, destination: [stride]; the pixel to the left of the first is 0, as is the row above the first.
    private static void ApplyFilter(ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int bpp, byte filter, Span<byte> destination)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0;
            int b = above[i];
            int c = i >= bpp ? above[i - bpp] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                _ => Paeth(a, b, c),
            };
            destination[i] = (byte)(row[i] - predictor);
        }
    }

    /// <summary>The Paeth predictor: whichever of left, above, upper-left is closest to left + above - upper-left.</summary>
    internal static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    // Bytes read as signed: small magnitudes (near 0 or near 256) compress best.
    private static long Score(ReadOnlySpan<byte> filtered)
    {
        long sum = 0;
        foreach (var v in filtered)
        {
            sum += Math.Abs((int)(sbyte)v);
        }

        return sum;
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private static void WriteChunk(Stream destination, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);
        Span<byte> word = stackalloc byte[4];

        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        destination.Write(word);
        destination.Write(typeBytes);
        destination.Write(data);

        // The CRC covers the type and the data, not the length.
        var crc = Crc32.Finish(Crc32.Append(Crc32.Append(Crc32.Start, typeBytes), data));
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        destination.Write(word);
    }
}
