namespace Vectorized.Autoencoders.Layers;

/// <summary>The non-linearity a dense layer applies to its pre-activation <c>z = x W^T + b</c>.</summary>
public enum Activation
{
    Linear,
    Relu,
    Sigmoid,
    Tanh,

    /// <summary>max(z, slope * z) with <see cref="ActivationFunctions.LeakyReluSlope"/> (Keras' LeakyReLU default 0.3).</summary>
    LeakyRelu,
}
