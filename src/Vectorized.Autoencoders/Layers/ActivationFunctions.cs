using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Kernels.Operators;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Forward and backward of each <see cref="Activation"/>. Backward is written in terms of the
/// activation's OUTPUT y (all of these have derivatives expressible from y), so the forward pass
/// need not keep the pre-activation for them.
/// </summary>
public static class ActivationFunctions
{
    /// <summary>Keras' <c>LeakyReLU</c> default slope for negative inputs.</summary>
    public const float LeakyReluSlope = KerasLeakyReluBackwardOperator.Slope;

    /// <summary>Parses a user-facing name (relu, sigmoid, tanh, linear, leaky_relu).</summary>
    public static Activation Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "linear" or "identity" or "none" => Activation.Linear,
        "relu" => Activation.Relu,
        "sigmoid" => Activation.Sigmoid,
        "tanh" => Activation.Tanh,
        "leaky_relu" or "leakyrelu" or "leaky-relu" => Activation.LeakyRelu,
        _ => throw new ArgumentException($"Unknown activation '{name}'; expected relu, sigmoid, tanh, linear or leaky_relu."),
    };

    /// <summary>The name <see cref="Parse"/> accepts, used in model files.</summary>
    public static string Name(Activation activation) => activation switch
    {
        Activation.Linear => "linear",
        Activation.Relu => "relu",
        Activation.Sigmoid => "sigmoid",
        Activation.Tanh => "tanh",
        Activation.LeakyRelu => "leaky_relu",
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>y = f(z). z and y may alias.</summary>
    // z: [n], y: [n]
    public static void Forward(Activation activation, ReadOnlySpan<float> z, Span<float> y)
    {
        switch (activation)
        {
            case Activation.Linear:
                if (!z.Overlaps(y))
                {
                    z.CopyTo(y);
                }

                break;
            case Activation.Relu:
                ElementWise.Relu(z, y);
                break;
            case Activation.Sigmoid:
                ElementWise.Sigmoid(z, y);
                break;
            case Activation.Tanh:
                ElementWise.Tanh(z, y);
                break;
            case Activation.LeakyRelu:
                ElementWise.LeakyRelu(z, LeakyReluSlope, y);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }

    /// <summary>
    /// dz += dy * f'(z), computed from the output y: like every backward in the network it ADDS to
    /// the input gradient, which the step zeroes once. At relu's kink (y == 0) the subgradient 0 is
    /// used, as TensorFlow and PyTorch do. dy and dz must not alias.
    /// </summary>
    // y: [n], dy: [n], dz: [n]
    public static void Backward(Activation activation, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz) =>
        Backward(activation, y, dy, dz, dzIsZero: false);

    /// <summary>
    /// As above; with <paramref name="dzIsZero"/> (nothing has added to dz yet) dz = dy * f'(z) is
    /// written rather than added: the same values, without reading dz.
    /// </summary>
    // y: [n], dy: [n], dz: [n]
    internal static void Backward(Activation activation, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dz, bool dzIsZero)
    {
        switch (activation)
        {
            case Activation.Linear when dzIsZero:
                dy.CopyTo(dz);
                break;
            case Activation.Linear:
                ElementWise.Add(dz, dy, dz);
                break;
            case Activation.Relu:
                ElementWise.Backward<ReluBackwardOperator>(y, dy, dz, dzIsZero);
                break;
            case Activation.Sigmoid:
                ElementWise.Backward<SigmoidBackwardOperator>(y, dy, dz, dzIsZero);
                break;
            case Activation.Tanh:
                ElementWise.Backward<TanhBackwardOperator>(y, dy, dz, dzIsZero);
                break;
            case Activation.LeakyRelu:
                ElementWise.Backward<KerasLeakyReluBackwardOperator>(y, dy, dz, dzIsZero);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation));
        }
    }
}
