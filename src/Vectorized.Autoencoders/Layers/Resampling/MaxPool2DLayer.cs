namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// <see cref="MaxPool2D"/> as a layer over channel-major activations: every (channel, image) plane is
/// pooled on its own. The forward pass saves each output's argmax in the layer's scratch ints, which is
/// all the backward pass reads. Planes run in parallel (<see cref="MaxPool2DParallel"/>).
/// </summary>
internal sealed class MaxPool2DLayer(int channels, MaxPool2DGeometry geometry) : ILayer
{
    public int Channels { get; } = channels;

    public MaxPool2DGeometry Geometry { get; } = geometry;

    public int InputSize => Channels * Geometry.InPlane;

    public int OutputSize => Channels * Geometry.OutPlane;

    public int ParameterCount => 0;

    public (int Floats, int Ints) ScratchSize(int capacity) => (0, capacity * OutputSize);

    // x: [channels, batch, inHeight, inWidth], y: [channels, batch, outHeight, outWidth]
    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch) =>
        MaxPool2DParallel.Forward(x, Geometry, Channels * batch, y, scratch.Ints, threads);

    public bool WritesZeroedInputGradient => true;

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero)
    {
        if (!dx.IsEmpty)
        {
            MaxPool2DParallel.Backward(dy, scratch.Ints, Geometry, Channels * batch, dx, threads, dxIsZero);
        }
    }
}
