namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// <see cref="Conv2D"/> as a layer: activations channel-major [channels, batch, height, width] (see
/// Conv2D for why), parameters PyTorch's weight [out, in, kh, kw] then bias [out] in its slice.
/// </summary>
internal sealed class Conv2DLayer(Conv2DGeometry geometry, string name) : ILayer
{
    /// <summary>
    /// The im2col matrix a layer gets, in floats (4 MiB): a run of images per GEMM that stays in the
    /// cache, long enough to fill the GEMM's columns. Fixed per layer, so the weight gradient's
    /// rounding (its runs are summed in order) depends on the model and the batch size only.
    /// </summary>
    public const int ColumnBudget = 1 << 20;

    public Conv2DGeometry Geometry { get; } = geometry;

    /// <summary>The state-dict prefix of its tensors, e.g. <c>enc.0</c>.</summary>
    public string Name { get; } = name;

    public int InputSize => Geometry.InChannels * Geometry.InPlane;

    public int OutputSize => Geometry.OutChannels * Geometry.OutPlane;

    public int ParameterCount => Geometry.WeightCount + Geometry.OutChannels;

    /// <summary>Images per GEMM: as many as <see cref="ColumnBudget"/> holds, at least one.</summary>
    public int RunImages => Math.Max(1, ColumnBudget / Conv2D.ScratchLength(Geometry, 1));

    public (int Floats, int Ints) ScratchSize(int capacity) => (Conv2D.ScratchLength(Geometry, Math.Min(capacity, RunImages)), 0);

    // x: [inChannels, batch, inHeight, inWidth], y: [outChannels, batch, outHeight, outWidth]
    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch) =>
        Conv2D.Forward(x, parameters[..Geometry.WeightCount], parameters[Geometry.WeightCount..], Geometry, batch, threads, y, scratch.Floats);

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch) =>
        Conv2D.Backward(
            dy, x, parameters[..Geometry.WeightCount], Geometry, batch, threads,
            dParameters[..Geometry.WeightCount], dParameters[Geometry.WeightCount..], dx, scratch.Floats);
}
