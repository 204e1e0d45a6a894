using System.Buffers.Binary;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// The matrices <c>vecae tsne</c> embeds, read from IDX files (u8 or f32 elements). A stand-in
/// for the data layer's IdxReader until that lands on this branch: it reads the same layout
/// (two zero bytes, type code, rank, big-endian dimensions, big-endian elements) and reports a
/// bad file as one line naming the file and the reason.
/// </summary>
internal static class TsneInput
{
    private const byte UnsignedByte = 0x08;
    private const byte Float32 = 0x0D;

    /// <summary>Reads an IDX array as a matrix [rows, columns]: rank 1 is [n, 1], rank 3 (images) is [n, h*w]; u8 is scaled by 1/255.</summary>
    public static (float[] Data, int Rows, int Columns) ReadMatrix(string path, int maxRows)
    {
        var (type, dims, bytes, offset) = ReadIdx(path);
        var rows = dims[0];
        var columns = 1;
        for (var i = 1; i < dims.Length; i++)
        {
            columns = checked(columns * dims[i]);
        }

        rows = Math.Min(rows, maxRows);
        var data = new float[checked(rows * columns)];
        if (type == UnsignedByte)
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = bytes[offset + i] / 255f;
            }
        }
        else
        {
            for (var i = 0; i < data.Length; i++)
            {
                data[i] = BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(offset + 4 * i, 4));
            }
        }

        return (data, rows, columns);
    }

    /// <summary>Reads a rank-1 u8 IDX array of class labels.</summary>
    public static int[] ReadLabels(string path, int maxRows)
    {
        var (type, dims, bytes, offset) = ReadIdx(path);
        if (type != UnsignedByte || dims.Length != 1)
        {
            throw new CliException($"{path}: labels must be a rank-1 u8 IDX array");
        }

        var labels = new int[Math.Min(dims[0], maxRows)];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = bytes[offset + i];
        }

        return labels;
    }

    private static (byte Type, int[] Dims, byte[] Bytes, int Offset) ReadIdx(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read ({e.Message})");
        }

        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
        {
            throw new CliException($"{path}: not an IDX file (bad magic)");
        }

        var type = bytes[2];
        if (type is not (UnsignedByte or Float32))
        {
            throw new CliException($"{path}: IDX element type 0x{type:X2} not supported (u8 or f32 expected)");
        }

        int rank = bytes[3];
        var offset = 4 + 4 * rank;
        if (rank < 1 || bytes.Length < offset)
        {
            throw new CliException($"{path}: truncated IDX header");
        }

        var dims = new int[rank];
        long count = 1;
        for (var i = 0; i < rank; i++)
        {
            var dim = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * i, 4));
            if (dim == 0 || dim > int.MaxValue)
            {
                throw new CliException($"{path}: IDX dimension {i} is {dim}");
            }

            dims[i] = (int)dim;
            count *= dim;
        }

        var size = type == Float32 ? 4 : 1;
        if (bytes.Length - offset != count * size)
        {
            throw new CliException($"{path}: IDX data holds {bytes.Length - offset} bytes, header promises {count * size}");
        }

        return (type, dims, bytes, offset);
    }
}
