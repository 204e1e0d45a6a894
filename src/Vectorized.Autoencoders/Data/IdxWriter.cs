using System.Buffers.Binary;
using System.IO.Compression;

using Vectorized.Autoencoders.IO;
namespace Vectorized.Autoencoders.Data;

/// <summary>Writes IDX files: the header, then the elements big-endian, optionally gzip-compressed.</summary>
public static class IdxWriter
{
    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> atomically (the old file survives a crash).</summary>
    public static void Write(string path, IdxArray array, bool gzip = false) =>
        AtomicFile.Write(path, stream =>
        {
            if (gzip)
            {
                using var compressed = new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true);
                Write(compressed, array);
            }
            else
            {
                Write(stream, array);
            }
        });

    /// <summary>Writes <paramref name="array"/> to <paramref name="stream"/> in the IDX layout.</summary>
    public static void Write(Stream stream, IdxArray array)
    {
        var header = new byte[4 + (4 * array.Rank)];
        header[2] = (byte)array.Type;
        header[3] = (byte)array.Rank;
        for (var i = 0; i < array.Rank; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), array.Dimensions[i]);
        }

        stream.Write(header);

        var size = IdxTypes.SizeOf(array.Type);
        var data = array.Bytes.Span;
        if (size == 1 || !BitConverter.IsLittleEndian)
        {
            stream.Write(data);
            return;
        }

        // Swap to big-endian through a bounded scratch buffer rather than a copy of the whole array.
        var scratch = new byte[Math.Min(data.Length, 1 << 16)];
        for (var offset = 0; offset < data.Length; offset += scratch.Length)
        {
            var chunk = data.Slice(offset, Math.Min(scratch.Length, data.Length - offset));
            chunk.CopyTo(scratch);
            for (var j = 0; j < chunk.Length; j += size)
            {
                scratch.AsSpan(j, size).Reverse();
            }

            stream.Write(scratch, 0, chunk.Length);
        }
    }
}
