using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Optimizers;

/// <summary>Stochastic gradient descent with (optionally Nesterov-free) momentum: v = mu v - lr g; p += v.</summary>
internal static class Sgd
{
    public const float DefaultLearningRate = 0.01f;
    public const float DefaultMomentum = 0.9f;

    // gradients, parameters, velocity: [parameterCount]
    public static void Step(ReadOnlySpan<float> gradients, float learningRate, float momentum, Span<float> parameters, Span<float> velocity) =>
        SgdKernel.Step(gradients, learningRate, momentum, parameters, velocity);
}
