using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Optimizers;

/// <summary>
/// Adam as Keras 2.0 writes it: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t);
/// m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; p -= lr_t m / (sqrt(v) + epsilon).
/// <see cref="AdamOptions.Form"/> <see cref="AdamForm.PyTorch"/> takes torch.optim.Adam's step instead,
/// through the same kernel: PyTorch adds epsilon after the bias correction of sqrt(v), which equals
/// Keras' form with epsilon scaled by sqrt(1 - beta2^t).
/// Parameters, gradients and both moments share one flat layout, so a step is one loop.
/// </summary>
public static class Adam
{
    /// <summary>One update of every parameter (the SIMD <see cref="AdamKernel"/>). Element-wise, so any split gives the same bits.</summary>
    // gradients, parameters, m, v: [parameterCount]
    public static void Step(ReadOnlySpan<float> gradients, AdamOptions options, long t, Span<float> parameters, Span<float> m, Span<float> v)
    {
        ArgumentNullException.ThrowIfNull(options);
        var step = checked((int)t);
        var epsilon = options.Form == AdamForm.PyTorch ? AdamKernel.KerasEpsilonOfPyTorch(options.Epsilon, options.Beta2, step) : options.Epsilon;
        AdamKernel.Step(gradients, options.LearningRate, options.Beta1, options.Beta2, epsilon, step, m, v, parameters);
    }
}
