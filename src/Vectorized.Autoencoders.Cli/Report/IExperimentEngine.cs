using Vectorized.Autoencoders.Cli.Progress;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// Trains and evaluates one experiment of the article for one seed. The reproduce pipeline
/// talks to the training engine only through this, so the pipeline (scheduling, figures,
/// report) is tested with a fake engine in milliseconds.
/// </summary>
public interface IExperimentEngine
{
    /// <summary>Trains <paramref name="spec"/>'s model for <paramref name="epochs"/> epochs with <paramref name="seed"/>, then evaluates it on the test set.</summary>
    ExperimentRun Run(ExperimentSpec spec, int seed, int epochs, ProgressBar progress, CancellationToken cancellationToken);
}

/// <summary>One trained seed: its numbers and the arrays its figures are drawn from.</summary>
/// <param name="TrainLoss">Mean batch loss per epoch: [epochs].</param>
/// <param name="TestLoss">Test loss (with the L1 penalty for the sparse model).</param>
/// <param name="MeanCode">Mean code value over the test set.</param>
/// <param name="TrainSeconds">Wall time of the training epochs.</param>
public sealed record ExperimentRun(double[] TrainLoss, double TestLoss, double MeanCode, double TrainSeconds, FigureMaterial Material);

/// <summary>What the figures need from a trained model.</summary>
/// <param name="Originals">The first test digits: [count, 784].</param>
/// <param name="Noisy">Their noisy versions for the denoising model, else null: [count, 784].</param>
/// <param name="Outputs">The model's outputs for them (from the noisy input when there is one): [count, 784].</param>
/// <param name="FirstLayerWeights">The first layer's weights: [FirstLayerOutputs, 784].</param>
/// <param name="Codes">All test-set codes: [test count, code size].</param>
public sealed record FigureMaterial(float[] Originals, float[]? Noisy, float[] Outputs, float[] FirstLayerWeights, int FirstLayerOutputs, float[] Codes);
