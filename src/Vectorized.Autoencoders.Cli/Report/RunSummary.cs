namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>The whole reproduce run: its experiments, the machine, and how long it took.</summary>
public sealed record RunSummary(
    IReadOnlyList<ExperimentResult> Experiments,
    MachineInfo Machine,
    double TotalSeconds,
    bool Quick,
    DateTimeOffset Finished,
    string Version);
