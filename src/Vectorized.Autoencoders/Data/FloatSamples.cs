namespace Vectorized.Autoencoders.Data;

/// <summary>An <see cref="ISampleSource"/> over a flat float array: sample i is row i.</summary>
public sealed class FloatSamples : ISampleSource
{
    private readonly ReadOnlyMemory<float> _data;

    // data: [count, sampleSize]
    public FloatSamples(ReadOnlyMemory<float> data, int sampleSize)
    {
        if (sampleSize <= 0 || data.Length % sampleSize != 0)
        {
            throw new ArgumentException($"{data.Length} floats are not a whole number of samples of {sampleSize}.", nameof(data));
        }

        _data = data;
        SampleSize = sampleSize;
        Count = data.Length / sampleSize;
    }

    public int Count { get; }

    public int SampleSize { get; }

    /// <summary>The samples as one row-major span.</summary>
    public ReadOnlySpan<float> Span => _data.Span;

    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination)
    {
        var data = _data.Span;
        for (var r = 0; r < indices.Length; r++)
        {
            data.Slice(indices[r] * SampleSize, SampleSize).CopyTo(destination.Slice(r * SampleSize, SampleSize));
        }
    }
}
