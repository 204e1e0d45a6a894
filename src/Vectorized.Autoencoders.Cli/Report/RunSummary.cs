using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>The whole reproduce run: its experiments, the machine, and how long it took.</summary>
public sealed record RunSummary(
    IReadOnlyList<ExperimentResult> Experiments,
    MachineInfo Machine,
    double TotalSeconds,
    bool Quick,
    DateTimeOffset Finished,
    string Version)
{
    /// <summary>Where the initial weights and batch orders came from.</summary>
    public RandomStreams Streams { get; init; } = RandomStreams.PyTorch;

    /// <summary>The t-SNE map of the deep model's codes and its figure, when the run made one.</summary>
    public (CodeMap Map, Figure Figure)? CodeMap { get; init; }

    /// <summary>The same t-SNE on the raw pixels of the same test images, for comparison with <see cref="CodeMap"/>.</summary>
    public (CodeMap Map, Figure Figure)? PixelMap { get; init; }
}
