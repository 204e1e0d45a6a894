namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// A 2-D convolution as a layer: activations channel-major [channels, batch, height, width] (see
/// <see cref="Conv2D"/> for why), parameters PyTorch's weight [out, in, kh, kw] then bias [out] in its
/// slice. Stride 1 runs <see cref="DirectConv2D"/>, anything else im2col + SGEMM (<see cref="Conv2D"/>).
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

    /// <summary>Whether this layer runs the direct convolution rather than im2col + SGEMM.</summary>
    public bool IsDirect => DirectConv2D.Supports(Geometry);

    /// <summary>The direct kernels gather each image's input gradient into dx; the im2col path adds its col2im.</summary>
    public bool WritesZeroedInputGradient => IsDirect;

    public (int Floats, int Ints) ScratchSize(int capacity) =>
        (IsDirect ? DirectConv2D.ScratchLength(Geometry, capacity) : Conv2D.ScratchLength(Geometry, Math.Min(capacity, RunImages)), 0);

    // x: [inChannels, batch, inHeight, inWidth], y: [outChannels, batch, outHeight, outWidth]
    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch)
    {
        ReadOnlySpan<float> w = parameters[..Geometry.WeightCount], b = parameters[Geometry.WeightCount..];
        if (IsDirect)
        {
            DirectConv2D.Forward(x, w, b, Geometry, batch, threads, y, scratch.Floats);
        }
        else
        {
            Conv2D.Forward(x, w, b, Geometry, batch, threads, y, scratch.Floats);
        }
    }

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch) =>
        Backward(x, y, dy, parameters, batch, threads, dParameters, dx, scratch, dParametersAreZero: false, dxIsZero: false);

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero)
    {
        var w = parameters[..Geometry.WeightCount];
        Span<float> dw = dParameters[..Geometry.WeightCount], db = dParameters[Geometry.WeightCount..];
        if (IsDirect)
        {
            DirectConv2D.Backward(dy, x, w, Geometry, batch, threads, dw, db, dx, scratch.Floats, dxIsZero);
        }
        else
        {
            Conv2D.Backward(dy, x, w, Geometry, batch, threads, dw, db, dx, scratch.Floats);
        }
    }
}
