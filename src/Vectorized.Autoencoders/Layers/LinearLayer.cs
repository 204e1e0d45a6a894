using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>y = x W^T + b (PyTorch's <c>nn.Linear</c>): weights [out, in] then bias [out] in its parameter slice.</summary>
internal sealed class LinearLayer(int inputSize, int outputSize) : ILayer, IPreparedInference
{
    public int InputSize { get; } = inputSize;

    public int OutputSize { get; } = outputSize;

    public int ParameterCount => OutputSize * (InputSize + 1);

    private int WeightCount => OutputSize * InputSize;

    /// <summary>dx = dy W is a GEMM with beta 0 when dx is fresh.</summary>
    public bool WritesZeroedInputGradient => true;

    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch) =>
        Dense.Forward(x, parameters[..WeightCount], parameters.Slice(WeightCount, OutputSize), batch, InputSize, OutputSize, threads, y);

    /// <summary>W^T in <see cref="TransposedWeightsGemv"/>'s column panels, where that product runs on this ISA path.</summary>
    public float[]? PrepareInference(ReadOnlySpan<float> parameters)
    {
        if (!TransposedWeightsGemv.Supports(IsaSelector.Current))
        {
            return null;
        }

        var transposed = new float[WeightCount];
        TransposedWeightsGemv.Pack(parameters[..WeightCount], OutputSize, InputSize, transposed);
        return transposed;
    }

    // The ISA path is read again at each call: it may have been narrowed since the weights were
    // prepared, and then the weights are read as they are.
    public void ForwardPrepared(ReadOnlySpan<float> x, ReadOnlySpan<float> prepared, ReadOnlySpan<float> parameters, int batch, int threads, Span<float> y, LayerScratch scratch)
    {
        if (TransposedWeightsGemv.Supports(IsaSelector.Current))
        {
            ForwardTransposed(x, prepared, parameters, batch, threads, y);
        }
        else
        {
            Forward(x, parameters, batch, training: false, threads, y, scratch);
        }
    }

    /// <summary>
    /// The same y as <see cref="Forward"/>, bit for bit, from the weights already transposed ([in, out]
    /// in column panels, <see cref="TransposedWeightsGemv.Pack"/>): inference without transposing the
    /// weights per call. One to four rows go through the transposed-weights product row by row, more
    /// through the SGEMM on the panels where that measured faster, else through <see cref="Forward"/>.
    /// </summary>
    // x: [batch, InputSize], weightsT: [InputSize * OutputSize] (panels), parameters: [ParameterCount], y: [batch, OutputSize]
    public void ForwardTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> weightsT, ReadOnlySpan<float> parameters, int batch, int threads, Span<float> y)
    {
        if (batch > TransposedWeightsGemv.MaxRows && !TransposedWeightsGemv.PanelsWin(batch, OutputSize))
        {
            Forward(x, parameters, batch, training: false, threads, y, default);
            return;
        }

        Dense.WriteBiasRows(parameters.Slice(WeightCount, OutputSize), batch, y);
        if (batch <= TransposedWeightsGemv.MaxRows)
        {
            TransposedWeightsGemv.MultiplyAdd(x, batch, InputSize, weightsT, OutputSize, y, IsaSelector.Current);
        }
        else
        {
            TransposedWeightsGemv.MultiplyAddPanels(x, batch, InputSize, weightsT, OutputSize, y, threads);
        }
    }

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero) =>
        Dense.Backward(
            dy, x, parameters[..WeightCount], batch, InputSize, OutputSize, threads,
            dParameters[..WeightCount], dParameters.Slice(WeightCount, OutputSize), dx, dParametersAreZero, dxIsZero);
}
