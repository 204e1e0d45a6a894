namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// A layer whose inference pass reads its weights in a layout of its own: laid out once per version
/// of the parameters (<see cref="Models.InferenceWeights"/>), not on every call, where at batch 1 the
/// layout would cost a tenth of the pass. Outside training only; the values are the plain forward
/// pass's to the bit.
/// </summary>
internal interface IPreparedInference
{
    /// <summary>This layer's weights laid out for inference on the current ISA path, or null where it reads them as they are.</summary>
    // parameters: [ParameterCount]
    float[]? PrepareInference(ReadOnlySpan<float> parameters);

    /// <summary>
    /// The forward pass outside training, reading <paramref name="prepared"/> (what <see cref="PrepareInference"/>
    /// made) where the ISA path of this call still takes it, else the parameters as they are.
    /// </summary>
    // x: [batch, InputSize], parameters: [ParameterCount], y: [batch, OutputSize]
    void ForwardPrepared(ReadOnlySpan<float> x, ReadOnlySpan<float> prepared, ReadOnlySpan<float> parameters, int batch, int threads, Span<float> y, LayerScratch scratch);
}
