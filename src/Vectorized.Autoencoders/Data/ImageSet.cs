using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Data;

/// <summary>
/// A set of labelled grayscale images, kept as the file's 8-bit pixels (a quarter of the memory
/// of float32) and scaled to [0, 1] float32 only as each batch is formed.
/// </summary>
public sealed class ImageSet
{
    /// <summary>pixel / 255f for every byte value: the exact quotient Keras' <c>x / 255.</c> rounds to in float32.</summary>
    private static readonly float[] Scaled = BuildScaled();

    /// <param name="pixels">[count, height * width], row-major.</param>
    /// <param name="labels">[count].</param>
    public ImageSet(ReadOnlyMemory<byte> pixels, ReadOnlyMemory<byte> labels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var features = checked(height * width);
        if (pixels.Length != (long)labels.Length * features)
        {
            throw new ArgumentException($"{labels.Length} labels need {(long)labels.Length * features} pixels of {height}x{width} images, got {pixels.Length}", nameof(pixels));
        }

        Pixels = pixels;
        Labels = labels;
        Height = height;
        Width = width;
    }

    public int Count => Labels.Length;

    public int Height { get; }

    public int Width { get; }

    /// <summary>Pixels per image: <see cref="Height"/> * <see cref="Width"/> (784 for MNIST).</summary>
    public int Features => Height * Width;

    /// <summary>[Count, Features], one byte per pixel, 0 = black.</summary>
    public ReadOnlyMemory<byte> Pixels { get; }

    /// <summary>[Count], the class of each image (a digit for MNIST).</summary>
    public ReadOnlyMemory<byte> Labels { get; }

    /// <summary>Scales the images at <paramref name="indices"/> to [0, 1]: row i of the destination is image indices[i].</summary>
    /// <param name="indices">[batch], each in [0, Count).</param>
    /// <param name="destination">[batch, Features], receives pixel / 255f.</param>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination)
    {
        var features = Features;
        if (destination.Length != (long)indices.Length * features)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats; {indices.Length} images of {features} pixels need {(long)indices.Length * features}", nameof(destination));
        }

        var pixels = Pixels.Span;
        var count = Count;
        for (var i = 0; i < indices.Length; i++)
        {
            var index = indices[i];
            if ((uint)index >= (uint)count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"image index outside [0, {count})");
            }

            if (i + 1 < indices.Length && (uint)indices[i + 1] < (uint)count)
            {
                Prefetch(pixels.Slice(indices[i + 1] * features, features));
            }

            Scale(pixels.Slice(index * features, features), destination.Slice(i * features, features));
        }
    }

    // A shuffled batch reads rows scattered over the whole set (47 MB for MNIST's training images),
    // each a miss the hardware prefetcher cannot foresee; asking for the next row's lines while this
    // row is scaled overlaps the two (measured: most of the batch-256 load phase was waiting).
    private static unsafe void Prefetch(ReadOnlySpan<byte> row)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        fixed (byte* start = row)
        {
            for (var offset = 0; offset < row.Length; offset += 64)
            {
                Sse.Prefetch0(start + offset);
            }
        }
    }

    /// <summary>Scales images start..start+count-1 to [0, 1].</summary>
    /// <param name="destination">[count, Features], receives pixel / 255f.</param>
    public void CopyRange(int start, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)start + count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"images {start}..{(long)start + count - 1} run past the {Count} in the set");
        }

        var features = Features;
        if (destination.Length != (long)count * features)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats; {count} images of {features} pixels need {(long)count * features}", nameof(destination));
        }

        Scale(Pixels.Span.Slice(start * features, count * features), destination);
    }

    /// <summary>The first <paramref name="count"/> images: a view over the same memory, no copy.</summary>
    public ImageSet Take(int count)
    {
        if ((uint)count > (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"the set holds {Count} images");
        }

        return new ImageSet(Pixels[..(count * Features)], Labels[..count], Height, Width);
    }

    /// <summary>Reads an images file ([count, height, width] u8, count and sizes at least 1) and a labels file ([count] u8), raw or gzip.</summary>
    public static ImageSet Load(string imagesPath, string labelsPath)
    {
        var images = IdxReader.Read(imagesPath);
        if (images.Type != IdxType.UnsignedByte || images.Rank != 3)
        {
            throw new FileFormatException(imagesPath, $"expected images as u8 [count, height, width], found {IdxTypes.Name(images.Type)} {Shape(images)}");
        }

        if (images.Dimensions[1] == 0 || images.Dimensions[2] == 0)
        {
            throw new FileFormatException(imagesPath, $"images of size {images.Dimensions[1]}x{images.Dimensions[2]} hold no pixels");
        }

        if ((long)images.Dimensions[1] * images.Dimensions[2] > int.MaxValue)
        {
            // Possible only with zero images, since the reader caps the data at 2 GB; still not a usable set.
            throw new FileFormatException(imagesPath, $"images of size {images.Dimensions[1]}x{images.Dimensions[2]} have more than {int.MaxValue} pixels");
        }

        if (images.Dimensions[0] == 0)
        {
            throw new FileFormatException(imagesPath, "holds no images (its first dimension is 0)");
        }

        var labels = IdxReader.Read(labelsPath);
        if (labels.Type != IdxType.UnsignedByte || labels.Rank != 1)
        {
            throw new FileFormatException(labelsPath, $"expected labels as u8 [count], found {IdxTypes.Name(labels.Type)} {Shape(labels)}");
        }

        if (labels.Dimensions[0] != images.Dimensions[0])
        {
            throw new FileFormatException(labelsPath, $"holds {labels.Dimensions[0]} labels but {Path.GetFileName(imagesPath)} holds {images.Dimensions[0]} images");
        }

        return new ImageSet(images.RawBuffer, labels.RawBuffer, images.Dimensions[1], images.Dimensions[2]);
    }

    // pixel / 255f, 64 pixels at a time on AVX-512 (one division per 16), 16 at a time elsewhere
    // where vectors are accelerated: a correctly rounded division gives the same float as the scalar
    // table at any width, so batches are bitwise what they always were. (A table lookup per pixel was
    // 7% of a batch-32 training step; 4-wide divisions were most of the load phase at batch 256.)
    private static void Scale(ReadOnlySpan<byte> source, Span<float> destination)
    {
        var i = 0;
        var isa = IsaSelector.Current;
        if (Vector512.IsHardwareAccelerated && isa == Isa.Avx512)
        {
            var divisor = Vector512.Create(255f);
            for (; i <= source.Length - 64; i += 64)
            {
                var (low, high) = Vector512.Widen(Vector512.Create(source.Slice(i, 64)));
                ScaleThirtyTwo(low, divisor, destination.Slice(i, 32));
                ScaleThirtyTwo(high, divisor, destination.Slice(i + 32, 32));
            }
        }

        if (Vector128.IsHardwareAccelerated && isa != Isa.Scalar)
        {
            var divisor = Vector128.Create(255f);
            for (; i <= source.Length - 16; i += 16)
            {
                var bytes = Vector128.Create(source.Slice(i, 16));
                var (low, high) = Vector128.Widen(bytes);
                ScaleEight(low, divisor, destination.Slice(i, 8));
                ScaleEight(high, divisor, destination.Slice(i + 8, 8));
            }
        }

        var table = Scaled;
        for (; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    private static void ScaleThirtyTwo(Vector512<ushort> pixels, Vector512<float> divisor, Span<float> destination)
    {
        var (low, high) = Vector512.Widen(pixels);
        (Vector512.ConvertToSingle(low) / divisor).CopyTo(destination);
        (Vector512.ConvertToSingle(high) / divisor).CopyTo(destination[16..]);
    }

    private static void ScaleEight(Vector128<ushort> pixels, Vector128<float> divisor, Span<float> destination)
    {
        var (low, high) = Vector128.Widen(pixels);
        (Vector128.ConvertToSingle(low) / divisor).CopyTo(destination);
        (Vector128.ConvertToSingle(high) / divisor).CopyTo(destination[4..]);
    }

    private static float[] BuildScaled()
    {
        var table = new float[256];
        for (var b = 0; b < 256; b++)
        {
            table[b] = b / 255f;
        }

        return table;
    }

    private static string Shape(IdxArray array) => "[" + string.Join(", ", array.Dimensions) + "]";
}
