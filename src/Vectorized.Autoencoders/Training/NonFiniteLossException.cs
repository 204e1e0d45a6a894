namespace Vectorized.Autoencoders.Training;

/// <summary>A batch produced a NaN or infinite loss or gradient; the parameters were not updated with it.</summary>
public sealed class NonFiniteLossException(int epoch, int batch, string what)
    : Exception($"training diverged: non-finite {what} at epoch {epoch}, batch {batch}; the parameters were not updated with it (try a lower --lr)")
{
    public int Epoch { get; } = epoch;

    public int Batch { get; } = batch;
}
