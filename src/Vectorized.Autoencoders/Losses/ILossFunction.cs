namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// The reconstruction loss at the end of a network's walk: the mean over a batch's first n
/// elements of a buffer against the targets. Its backward ADDS d(mean)/dy to dy, as every backward does.
/// </summary>
internal interface ILossFunction
{
    // y, t, dy: [>= n]
    double ForwardBackward(float[] y, float[] t, int n, int threads, float[] dy);

    // y, t: [>= n]
    double Forward(float[] y, float[] t, int n, int threads);
}

/// <summary>Binary cross-entropy of a sigmoid output, read from the logits (the network leaves its last sigmoid to it).</summary>
internal sealed class BinaryCrossEntropyFromLogits : ILossFunction
{
    public double ForwardBackward(float[] y, float[] t, int n, int threads, float[] dy) => ParallelBinaryCrossEntropy.ForwardBackward(y, t, dy, n, threads);

    public double Forward(float[] y, float[] t, int n, int threads) => ParallelBinaryCrossEntropy.Mean(y, t, n, threads);
}

/// <summary>Mean squared error of the network's output.</summary>
internal sealed class MeanSquaredErrorLoss : ILossFunction
{
    public double ForwardBackward(float[] y, float[] t, int n, int threads, float[] dy) =>
        MeanSquaredError.ForwardBackward(y.AsSpan(0, n), t.AsSpan(0, n), 1f / n, dy.AsSpan(0, n)) / n;

    public double Forward(float[] y, float[] t, int n, int threads) => MeanSquaredError.Sum(y.AsSpan(0, n), t.AsSpan(0, n)) / n;
}

/// <summary>
/// Binary cross-entropy from the logits summed over each sample's <c>width</c> values and averaged
/// over the batch, without Keras' clip (<see cref="UnclippedBinaryCrossEntropy"/>): the variational
/// autoencoder's reconstruction loss per image, PyTorch's <c>reduction='sum'</c> divided by the batch.
/// </summary>
internal sealed class SummedBinaryCrossEntropyFromLogits(int width) : ILossFunction
{
    public int Width { get; } = width;

    public double ForwardBackward(float[] y, float[] t, int n, int threads, float[] dy) =>
        UnclippedBinaryCrossEntropy.SumForwardBackward(y, t, n, (float)Width / n, threads, dy) * Width / n;

    public double Forward(float[] y, float[] t, int n, int threads) => UnclippedBinaryCrossEntropy.Sum(y, t, n, threads) * Width / n;
}

/// <summary>
/// Binary cross-entropy from the logits averaged over every value, without Keras' clip
/// (<see cref="UnclippedBinaryCrossEntropy"/>): PyTorch's <c>F.binary_cross_entropy</c> of a sigmoid
/// output with its default mean, the convolutional autoencoders' loss.
/// </summary>
internal sealed class MeanBinaryCrossEntropyFromLogits : ILossFunction
{
    public double ForwardBackward(float[] y, float[] t, int n, int threads, float[] dy) =>
        UnclippedBinaryCrossEntropy.SumForwardBackward(y, t, n, 1f / n, threads, dy) / n;

    public double Forward(float[] y, float[] t, int n, int threads) => UnclippedBinaryCrossEntropy.Sum(y, t, n, threads) / n;
}
