using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// The matrices <c>vecae tsne</c> embeds: MNIST images (test, or train + test) as pixels / 255,
/// or any IDX or .npy matrix (u8 scaled by 1/255, or f32 as stored) with optional u8 labels.
/// Unusable files become one-line errors naming the file.
/// </summary>
internal static class TsneInput
{
    /// <summary>The first <paramref name="maxRows"/> images of the test set, or of train followed by test; pixels / 255.</summary>
    // returns x: [rows, 784], labels: [rows]
    public static (float[] X, int Rows, int Columns, int[] Labels) Mnist(string directory, bool all, int maxRows)
    {
        var mnist = TrainData.LoadDataset(directory);
        var sets = all ? new[] { mnist.Train, mnist.Test } : [mnist.Test];
        var columns = mnist.Test.Features;
        var rows = Math.Min(maxRows, sets.Sum(s => s.Count));
        var x = new float[checked(rows * columns)];
        var labels = new int[rows];
        var row = 0;
        foreach (var set in sets)
        {
            var take = Math.Min(set.Count, rows - row);
            set.CopyRange(0, take, x.AsSpan(row * columns, take * columns));
            var setLabels = set.Labels.Span;
            for (var i = 0; i < take; i++)
            {
                labels[row + i] = setLabels[i];
            }

            row += take;
        }

        return (x, rows, columns, labels);
    }

    /// <summary>Reads an IDX array as a matrix [rows, columns]: rank 1 is [n, 1], rank 3 (images) is [n, h*w].</summary>
    public static (float[] X, int Rows, int Columns) ReadMatrix(string path, int maxRows)
    {
        if (SampleMatrix.IsNpy(path))
        {
            // A NumPy array: u8 scaled by 1/255, f32 as stored, [n] / [n, d] / [n, h, w] as for IDX.
            var matrix = SampleMatrix.Read(path, unitRange: false).Take(maxRows);
            return (matrix.ToArray(), matrix.Rows, matrix.Columns);
        }

        var array = Guard(() => IdxReader.Read(path));
        var dims = array.Dimensions;
        if (array.Type is not (IdxType.Float32 or IdxType.UnsignedByte))
        {
            throw new CliException($"{path}: IDX elements are {IdxTypes.Name(array.Type)}; tsne reads f32 or u8");
        }

        // Sizes from the header are checked in 64 bits before anything is allocated from them.
        long columns = 1;
        for (var i = 1; i < dims.Count; i++)
        {
            columns *= dims[i];
            if (dims[i] == 0 || columns > int.MaxValue)
            {
                throw new CliException($"{path}: IDX shape [{string.Join(", ", dims)}] {(dims[i] == 0 ? "has rows of no values" : $"has rows of more than {int.MaxValue} values")}; tsne needs rows of 1 or more values");
            }
        }

        if (dims[0] < 2)
        {
            throw new CliException($"{path}: IDX shape [{string.Join(", ", dims)}] holds {dims[0]} rows; tsne needs at least 2");
        }

        var rows = Math.Min(dims[0], maxRows);
        if ((long)rows * columns > Array.MaxLength)
        {
            throw new CliException($"{path}: {rows} rows of {columns} values are more than one array holds; take fewer with --points");
        }

        var x = new float[rows * columns];
        switch (array.Type)
        {
            case IdxType.Float32:
                array.AsSpan<float>()[..x.Length].CopyTo(x);
                break;
            case IdxType.UnsignedByte:
                var bytes = array.AsSpan<byte>();
                for (var i = 0; i < x.Length; i++)
                {
                    x[i] = bytes[i] / 255f;
                }

                break;
            default:
                throw new CliException($"{path}: IDX elements are {IdxTypes.Name(array.Type)}; tsne reads f32 or u8");
        }

        return (x, rows, (int)columns);
    }

    /// <summary>Reads the first <paramref name="maxRows"/> labels of a rank-1 u8 IDX array.</summary>
    public static int[] ReadLabels(string path, int maxRows)
    {
        var array = Guard(() => IdxReader.Read(path));
        if (array.Type != IdxType.UnsignedByte || array.Rank != 1)
        {
            throw new CliException($"{path}: labels must be a rank-1 u8 IDX array");
        }

        var bytes = array.AsSpan<byte>();
        var labels = new int[Math.Min(bytes.Length, maxRows)];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = bytes[i];
        }

        return labels;
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (FileFormatException e)
        {
            throw new CliException(e.Message);
        }
    }
}
