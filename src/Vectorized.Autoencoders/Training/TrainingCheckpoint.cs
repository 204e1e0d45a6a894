using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Training;

/// <summary>Everything needed to continue training bit for bit: parameters, optimizer moments, step, position and generator state.</summary>
/// <param name="Parameters">The model's flat parameters.</param>
/// <param name="Moment1">Adam's m (or SGD's velocity), same layout.</param>
/// <param name="Moment2">Adam's v (empty for SGD).</param>
/// <param name="Step">Optimizer steps taken.</param>
/// <param name="CompletedEpochs">Whole epochs done.</param>
/// <param name="BatchInEpoch">Batches done in the unfinished epoch.</param>
/// <param name="EpochLossSum">Sum of the unfinished epoch's batch losses.</param>
/// <param name="EpochStartRngState">Shuffle generator state before the current epoch's shuffle.</param>
/// <param name="RngState">Shuffle generator state now.</param>
public sealed record TrainingCheckpoint(
    AutoencoderOptions Architecture, float[] Parameters, float[] Moment1, float[] Moment2,
    long Step, int CompletedEpochs, int BatchInEpoch, double EpochLossSum, ulong[] EpochStartRngState, ulong[] RngState)
{
    /// <summary>
    /// The shuffle's random streams. With <see cref="RandomStreams.PyTorch"/> the generator's position is
    /// a function of the seed, the architecture and <see cref="CompletedEpochs"/>, so it is rebuilt
    /// rather than stored, and the two xoshiro states are unused.
    /// </summary>
    public RandomStreams Streams { get; init; } = RandomStreams.Vecae;

    /// <summary>
    /// A variational model's eps stream (the sampling head's training draws) now, four xoshiro256 words;
    /// null for the other models. A variational checkpoint without it cannot continue bit for bit, so
    /// <see cref="Trainer.Restore"/> refuses it.
    /// </summary>
    public IReadOnlyList<ulong>? LatentNoiseRngState { get; init; }
}
