namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// One fully connected layer of a model: <c>y = f(x W^T + b)</c>. Its weights and bias are views into
/// the model's single flat parameter buffer. Weights are stored <c>[out, in]</c> like PyTorch; a
/// Keras kernel is the transpose.
/// </summary>
public sealed class DenseLayer
{
    internal DenseLayer(string name, int inputSize, int outputSize, Activation activation, Memory<float> weights, Memory<float> bias, int offset)
    {
        Name = name;
        InputSize = inputSize;
        OutputSize = outputSize;
        Activation = activation;
        WeightsMemory = weights;
        BiasMemory = bias;
        ParameterOffset = offset;
    }

    /// <summary>The state-dict prefix, e.g. <c>encoder.0</c>.</summary>
    public string Name { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public Activation Activation { get; }

    /// <summary>Weights: [OutputSize, InputSize], row j is unit j's filter over the inputs.</summary>
    public ReadOnlySpan<float> Weights => WeightsMemory.Span;

    /// <summary>Bias: [OutputSize].</summary>
    public ReadOnlySpan<float> Bias => BiasMemory.Span;

    internal Memory<float> WeightsMemory { get; }

    internal Memory<float> BiasMemory { get; }

    /// <summary>Where this layer's weights start in the flat parameter buffer; its bias follows them.</summary>
    internal int ParameterOffset { get; }

    internal int ParameterCount => OutputSize * (InputSize + 1);
}
