namespace Vectorized.Autoencoders.Training;

/// <summary>A progress report during training (a value type: reporting allocates nothing by itself).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Loss">Mean batch loss so far in this epoch.</param>
/// <param name="Elapsed">Time spent in this epoch.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, TimeSpan Elapsed);
