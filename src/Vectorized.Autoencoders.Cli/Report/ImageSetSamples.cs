using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>An <see cref="ImageSet"/> (8-bit pixels) as the engine's <see cref="ISampleSource"/>: pixels are scaled to [0, 1] as each batch is gathered.</summary>
internal sealed class ImageSetSamples(ImageSet images) : ISampleSource
{
    public int Count => images.Count;

    public int SampleSize => images.Features;

    // indices: [n], destination: [n, SampleSize]
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination) => images.CopyBatch(indices, destination);
}
