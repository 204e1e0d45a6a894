namespace Vectorized.Autoencoders.Data;

/// <summary>
/// Rows of float samples that training and evaluation gather into batches. Kept as an interface so a
/// dataset can store its samples compactly (e.g. MNIST's bytes, scaled as each batch is formed).
/// </summary>
public interface ISampleSource
{
    /// <summary>Number of samples.</summary>
    int Count { get; }

    /// <summary>Floats per sample (784 for MNIST).</summary>
    int SampleSize { get; }

    /// <summary>Copies the samples at <paramref name="indices"/> into consecutive rows. Must not allocate.</summary>
    // indices: [n], destination: [n, SampleSize]
    void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination);
}
