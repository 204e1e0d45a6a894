
namespace Vectorized.Autoencoders.Data;

/// <summary>An <see cref="ImageSet"/> as training samples: its 8-bit pixels are scaled to [0, 1] as each batch is formed.</summary>
public sealed class ImageSetSource(ImageSet images) : ISampleSource
{
    public ImageSet Images { get; } = images ?? throw new ArgumentNullException(nameof(images));

    public int Count => Images.Count;

    public int SampleSize => Images.Features;

    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination) => Images.CopyBatch(indices, destination);
}
