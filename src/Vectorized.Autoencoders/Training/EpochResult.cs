using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Training;

/// <summary>One epoch of a training history.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean of the epoch's batch losses (Keras' reported loss).</param>
/// <param name="Validation">Evaluation on the validation set after the epoch, when one was given.</param>
/// <param name="Seconds">Wall time of the epoch's training steps (validation excluded).</param>
public sealed record EpochResult(int Epoch, double TrainLoss, EvaluationResult? Validation, double Seconds);
