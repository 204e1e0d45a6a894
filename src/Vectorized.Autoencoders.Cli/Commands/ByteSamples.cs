using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>Rows of uint8 values as training samples, scaled by 1/255 as each batch is formed (as MNIST's pixels are).</summary>
internal sealed class ByteSamples : ISampleSource
{
    private readonly ReadOnlyMemory<byte> _data;

    // data: [count, sampleSize]
    public ByteSamples(ReadOnlyMemory<byte> data, int sampleSize)
    {
        _data = data;
        SampleSize = sampleSize;
        Count = data.Length / sampleSize;
    }

    public int Count { get; }

    public int SampleSize { get; }

    public ByteSamples Take(int count) => new(_data[..(count * SampleSize)], SampleSize);

    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination)
    {
        var data = _data.Span;
        for (var r = 0; r < indices.Length; r++)
        {
            var row = data.Slice(indices[r] * SampleSize, SampleSize);
            var target = destination.Slice(r * SampleSize, SampleSize);
            for (var i = 0; i < row.Length; i++)
            {
                // The same float32 quotient ImageSet uses, so a .npy copy of MNIST trains to the same bits.
                target[i] = row[i] / 255f;
            }
        }
    }
}
