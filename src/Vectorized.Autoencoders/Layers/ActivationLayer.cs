namespace Vectorized.Autoencoders.Layers;

/// <summary>An element-wise activation as a layer of its own; its backward reads the saved output (see <see cref="ActivationFunctions"/>).</summary>
internal sealed class ActivationLayer(Activation activation, int size) : ILayer
{
    public Activation Activation { get; } = activation;

    public int InputSize { get; } = size;

    public int OutputSize => InputSize;

    public int ParameterCount => 0;

    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch) =>
        ActivationFunctions.Forward(Activation, x, y);

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch)
    {
        if (!dx.IsEmpty)
        {
            ActivationFunctions.Backward(Activation, y, dy, dx);
        }
    }
}
