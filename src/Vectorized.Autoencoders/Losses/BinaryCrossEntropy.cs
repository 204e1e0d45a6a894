using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// Binary cross-entropy of a sigmoid output, fused with the sigmoid and computed from the logits z
/// (the SIMD <see cref="BinaryCrossEntropyKernel"/>). Keras 2.0 clips the prediction p = sigmoid(z)
/// to [1e-7, 1 - 1e-7] before the log, which is clamping z to +-<see cref="LogitLimit"/>. Beyond the
/// limit the clip is flat, so the gradient there is 0 exactly as in Keras; inside it is (p - t) / n.
/// </summary>
public static class BinaryCrossEntropy
{
    /// <summary>Keras' <c>epsilon()</c>: the prediction is clipped to [Epsilon, 1 - Epsilon].</summary>
    public const float Epsilon = BinaryCrossEntropyKernel.Epsilon;

    /// <summary>logit(1 - Epsilon): beyond it the clipped prediction is constant.</summary>
    public static float LogitLimit => BinaryCrossEntropyKernel.LogitLimit;

    /// <summary>Returns the MEAN element loss and writes dz = d(mean)/dz.</summary>
    // z: [n] logits, t: [n] targets in [0, 1], dz: [n]
    public static double ForwardBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> dz) =>
        BinaryCrossEntropyKernel.LossAndGradient(z, t, dz);

    /// <summary>The mean element loss (evaluation).</summary>
    // z: [n] logits, t: [n]
    public static double Mean(ReadOnlySpan<float> z, ReadOnlySpan<float> t) => BinaryCrossEntropyKernel.Loss(z, t);
}
