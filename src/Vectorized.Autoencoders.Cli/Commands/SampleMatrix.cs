using System.Globalization;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization.Npy;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// Samples from any file vecae takes as input (MNIST's image sets, .npy, IDX), with their image
/// size when they are images ([count, height, width]) so commands can draw them. uint8 values are
/// scaled by 1/255; float32 values are used as stored.
/// </summary>
internal sealed record SampleMatrix(ISampleSource Samples, int Height, int Width)
{
    public int Rows => Samples.Count;

    public int Columns => Samples.SampleSize;

    /// <summary>True when each sample is a Height x Width image.</summary>
    public bool IsImages => Height > 0;

    public static SampleMatrix FromImageSet(ImageSet images) => new(new ImageSetSource(images), images.Height, images.Width);

    /// <summary>The first <paramref name="count"/> samples (all of them when count is 0 or more than there are).</summary>
    public SampleMatrix Take(int count)
    {
        if (count <= 0 || count >= Rows)
        {
            return this;
        }

        return this with
        {
            Samples = Samples switch
            {
                ImageSetSource images => new ImageSetSource(images.Images.Take(count)),
                ByteSamples bytes => bytes.Take(count),
                FloatSamples floats => new FloatSamples(floats.Span[..(count * Columns)].ToArray(), Columns),
                _ => throw new InvalidOperationException("unknown sample source"),
            },
        };
    }

    /// <summary>Every sample as one row-major float array [Rows, Columns].</summary>
    public float[] ToArray()
    {
        var x = new float[(long)Rows * Columns];
        var indices = Enumerable.Range(0, Rows).ToArray();
        Samples.CopyBatch(indices, x);
        return x;
    }

    /// <summary>Reads a .npy or IDX file (told apart by content, else by the .npy extension); float32 values must lie in [0, 1] when <paramref name="unitRange"/>.</summary>
    public static SampleMatrix Read(string path, bool unitRange)
    {
        try
        {
            return IsNpy(path) ? FromNpy(path, NpyReader.Read(path), unitRange) : FromIdx(path, IdxReader.Read(path), unitRange);
        }
        catch (FileFormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>True when the file starts with the .npy magic, or (unreadable or malformed) is named *.npy.</summary>
    public static bool IsNpy(string path)
    {
        Span<byte> start = stackalloc byte[6];
        try
        {
            using var stream = File.OpenRead(path);
            var got = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            if (NpyReader.LooksLikeNpy(start[..got]))
            {
                return true;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The reader chosen below reports the problem in its own words.
        }

        return path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);
    }

    private static SampleMatrix FromNpy(string path, NpyArray array, bool unitRange)
    {
        var (rows, columns, height, width) = Geometry(path, array.Shape);
        if (array.DType == NpyDType.UInt8)
        {
            return new SampleMatrix(new ByteSamples(array.AsSpan<byte>().ToArray(), columns), height, width);
        }

        var values = array.AsSpan<float>().ToArray();
        CheckValues(path, values, unitRange);
        return new SampleMatrix(new FloatSamples(values, columns), height, width);
    }

    private static SampleMatrix FromIdx(string path, IdxArray array, bool unitRange)
    {
        var (_, columns, height, width) = Geometry(path, array.Dimensions);
        switch (array.Type)
        {
            case IdxType.UnsignedByte:
                return new SampleMatrix(new ByteSamples(array.Bytes, columns), height, width);
            case IdxType.Float32:
                var values = array.AsSpan<float>().ToArray();
                CheckValues(path, values, unitRange);
                return new SampleMatrix(new FloatSamples(values, columns), height, width);
            default:
                throw new FileFormatException(path, $"IDX elements are {IdxTypes.Name(array.Type)}; vecae reads f32 or u8 samples");
        }
    }

    /// <summary>[n] is n samples of one value, [n, d] n vectors, [n, h, w] n images.</summary>
    private static (int Rows, int Columns, int Height, int Width) Geometry(string path, IReadOnlyList<int> shape)
    {
        if (shape.Count > 3)
        {
            throw new FileFormatException(path, $"has {shape.Count} dimensions; samples are [count], [count, features] or [count, height, width]");
        }

        var columns = shape.Count == 1 ? 1 : shape.Count == 2 ? shape[1] : (long)shape[1] * shape[2];
        if (columns is 0 or > int.MaxValue)
        {
            throw new FileFormatException(path, $"samples of shape [{string.Join(", ", shape.Skip(1))}] hold {columns} values");
        }

        return shape.Count == 3 ? (shape[0], (int)columns, shape[1], shape[2]) : (shape[0], (int)columns, 0, 0);
    }

    private static void CheckValues(string path, ReadOnlySpan<float> values, bool unitRange)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (!float.IsFinite(v) || (unitRange && v is < 0f or > 1f))
            {
                throw new FileFormatException(path, string.Create(CultureInfo.InvariantCulture, $"value {i} is {v}; float32 samples must be {(unitRange ? "finite and in [0, 1]" : "finite")}"));
            }
        }
    }
}
