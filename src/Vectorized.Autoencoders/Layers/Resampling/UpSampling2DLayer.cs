namespace Vectorized.Autoencoders.Layers;

/// <summary><see cref="UpSampling2D"/> (nearest, one factor for both axes) as a layer over channel-major activations.</summary>
internal sealed class UpSampling2DLayer(int channels, int height, int width, int factor) : ILayer
{
    public int Channels { get; } = channels;

    public int Height { get; } = height;

    public int Width { get; } = width;

    public int Factor { get; } = factor;

    public int InputSize => Channels * Height * Width;

    public int OutputSize => InputSize * Factor * Factor;

    public int ParameterCount => 0;

    public bool WritesZeroedInputGradient => true;

    // x: [channels, batch, height, width], y: [channels, batch, height * factor, width * factor]
    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch) =>
        UpSampling2DParallel.Forward(x, Channels * batch, Height, Width, Factor, y, threads);

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero)
    {
        if (!dx.IsEmpty)
        {
            UpSampling2DParallel.Backward(dy, Channels * batch, Height, Width, Factor, dx, dxIsZero, threads);
        }
    }
}
