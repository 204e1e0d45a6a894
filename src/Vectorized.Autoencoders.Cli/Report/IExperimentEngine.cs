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

    /// <summary>The article's use of the codes: a 2-D t-SNE map of the first <paramref name="count"/> test images' codes, with their labels.</summary>
    /// <param name="codes">codes: [test count, codeSize], as in <see cref="FigureMaterial.Codes"/>.</param>
    CodeMap Map(float[] codes, int codeSize, int count, CancellationToken cancellationToken);

    /// <summary>The article's comparison: the same t-SNE on the first <paramref name="count"/> test images' raw pixels (784-D).</summary>
    CodeMap MapPixels(int count, CancellationToken cancellationToken);
}

/// <summary>A t-SNE map of codes.</summary>
/// <param name="Embedding">Points: [count, 2].</param>
/// <param name="Labels">The digit of each point: [count].</param>
/// <param name="NeighborAccuracy">Leave-one-out 10-nearest-neighbour accuracy of the labels in the map.</param>
/// <param name="Seconds">Wall time of the t-SNE run.</param>
public sealed record CodeMap(float[] Embedding, byte[] Labels, int CodeSize, double NeighborAccuracy, double KlDivergence, double Seconds);

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
/// <param name="CodeSize">Values per code (32 in the article).</param>
public sealed record FigureMaterial(float[] Originals, float[]? Noisy, float[] Outputs, float[] FirstLayerWeights, int FirstLayerOutputs, float[] Codes, int CodeSize);
