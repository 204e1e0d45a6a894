namespace Vectorized.Autoencoders.Training;

/// <summary>Per-epoch results of a <c>Fit</c>, in order (Keras' History).</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochResult> _epochs = [];

    public IReadOnlyList<EpochResult> Epochs => _epochs;

    /// <summary>True when training stopped early (cancellation or a non-finite loss).</summary>
    public bool Stopped { get; internal set; }

    /// <summary>Why training stopped early, when it did.</summary>
    public string? StopReason { get; internal set; }

    internal void Add(EpochResult result) => _epochs.Add(result);
}
