namespace Vectorized.Autoencoders.Cli.Progress;

/// <summary>
/// Where a training run stands: 1-based <see cref="Epoch"/> of <see cref="Epochs"/>, batches
/// done in this epoch, the running mean loss of the epoch, samples per batch, and seconds
/// since the run started. Everything the progress line shows is derived from these.
/// </summary>
public readonly record struct ProgressSnapshot(
    int Epoch,
    int Epochs,
    int Batch,
    int BatchesPerEpoch,
    double Loss,
    int BatchSize,
    double ElapsedSeconds)
{
    /// <summary>Batches done since the run started.</summary>
    public long BatchesDone => (long)(Epoch - 1) * BatchesPerEpoch + Batch;

    /// <summary>Batches in the whole run.</summary>
    public long BatchesTotal => (long)Epochs * BatchesPerEpoch;

    /// <summary>Training samples per second over the run so far; 0 before anything is measurable.</summary>
    public double SamplesPerSecond => ElapsedSeconds > 0 ? BatchesDone * (double)BatchSize / ElapsedSeconds : 0;

    /// <summary>Seconds left at the rate so far; null until one batch has been timed.</summary>
    public double? SecondsLeft => BatchesDone > 0 && ElapsedSeconds > 0
        ? (BatchesTotal - BatchesDone) * (ElapsedSeconds / BatchesDone)
        : null;
}
