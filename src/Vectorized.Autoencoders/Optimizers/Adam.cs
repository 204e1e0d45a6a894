using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Optimizers;

/// <summary>
/// Adam as Keras 2.0 writes it: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t);
/// m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; p -= lr_t m / (sqrt(v) + epsilon).
/// (PyTorch folds the bias corrections differently, which only moves where epsilon sits.)
/// Parameters, gradients and both moments share one flat layout, so a step is one loop.
/// </summary>
public static class Adam
{
    /// <summary>One update of every parameter (the SIMD <see cref="AdamKernel"/>). Element-wise, so any split gives the same bits.</summary>
    // gradients, parameters, m, v: [parameterCount]
    public static void Step(ReadOnlySpan<float> gradients, AdamOptions options, long t, Span<float> parameters, Span<float> m, Span<float> v) =>
        AdamKernel.Step(gradients, options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, checked((int)t), m, v, parameters);
}
