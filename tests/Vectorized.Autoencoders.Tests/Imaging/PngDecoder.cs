using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Tests.Imaging;

/// <summary>
/// A minimal, independent PNG reader for tests: checks the signature and every chunk's CRC,
/// inflates the IDAT stream and undoes the five row filters, so a written file can be compared
/// pixel by pixel with the image it came from.
/// </summary>
internal static class PngDecoder
{
    public sealed record Chunk(string Type, byte[] Data);

    public static List<Chunk> ReadChunks(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "PNG signature");
        var chunks = new List<Chunk>();
        var offset = 8;
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(ReferenceCrc(png.AsSpan(offset + 4, 4 + length)), crc);
            chunks.Add(new Chunk(type, data));
            offset += 12 + length;
        }

        Assert.Equal(png.Length, offset);
        return chunks;
    }

    public static Raster Decode(byte[] png)
    {
        var chunks = ReadChunks(png);
        Assert.Equal("IHDR", chunks[0].Type);
        Assert.Equal("IEND", chunks[^1].Type);
        var header = chunks[0].Data;
        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        Assert.Equal(8, header[8]);
        var channels = header[9] switch
        {
            0 => 1,
            2 => 3,
            _ => throw new InvalidDataException($"colour type {header[9]}"),
        };

        using var compressed = new MemoryStream();
        foreach (var chunk in chunks.Where(c => c.Type == "IDAT"))
        {
            compressed.Write(chunk.Data);
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        Assert.Equal(height * (stride + 1), raw.Length);
        var image = new Raster(width, height, channels);
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var line = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = image.Row(y);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0;
                int b = y > 0 ? image.Row(y - 1)[i] : 0;
                int c = i >= channels && y > 0 ? image.Row(y - 1)[i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => PaethReference(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                };
                row[i] = (byte)(line[i] + predictor);
            }
        }

        return image;
    }

    // Written from the PNG specification's pseudo-code, independently of the writer's.
    private static int PaethReference(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }

    // Bit-at-a-time CRC-32: slow, obviously right, and not the table the writer uses.
    public static uint ReferenceCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }
}
