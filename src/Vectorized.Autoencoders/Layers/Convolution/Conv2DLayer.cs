namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// A 2-D convolution as a layer: activations channel-major [channels, batch, height, width] (see
/// <see cref="Conv2D"/> for why), parameters PyTorch's weight [out, in, kh, kw] then bias [out] in its
/// slice. Stride 1 runs <see cref="DirectConv2D"/>, anything else im2col + SGEMM (<see cref="Conv2D"/>).
/// <para>
/// Like Keras' <c>Conv2D(activation='relu')</c> it may carry a ReLU: the direct kernels apply it as
/// they copy each output plane out and its derivative as they read dy, which spares the activation
/// layer's own passes over the widest tensors of a conv model (megabytes each, memory-bound). The
/// values are the separate layers' to the bit.
/// </para>
/// </summary>
internal sealed class Conv2DLayer : ILayer, IPreparedInference
{
    public Conv2DLayer(Conv2DGeometry geometry, string name, Activation activation = Activation.Linear)
    {
        if (activation is not (Activation.Linear or Activation.Relu))
        {
            throw new ArgumentException($"a convolution carries a relu or no activation, not {activation}.", nameof(activation));
        }

        (Geometry, Name, Activation) = (geometry, name, activation);
    }

    /// <summary>
    /// The im2col matrix a layer gets, in floats (4 MiB): a run of images per GEMM that stays in the
    /// cache, long enough to fill the GEMM's columns. Fixed per layer, so the weight gradient's
    /// rounding (its runs are summed in order) depends on the model and the batch size only.
    /// </summary>
    public const int ColumnBudget = 1 << 20;

    public Conv2DGeometry Geometry { get; }

    /// <summary>The state-dict prefix of its tensors, e.g. <c>enc.0</c>.</summary>
    public string Name { get; }

    /// <summary>The activation applied to its output: <see cref="Activation.Linear"/> (none) or <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; }

    private bool Relu => Activation == Activation.Relu;

    public int InputSize => Geometry.InChannels * Geometry.InPlane;

    public int OutputSize => Geometry.OutChannels * Geometry.OutPlane;

    public int ParameterCount => Geometry.WeightCount + Geometry.OutChannels;

    /// <summary>Images per GEMM: as many as <see cref="ColumnBudget"/> holds, at least one.</summary>
    public int RunImages => Math.Max(1, ColumnBudget / Conv2D.ScratchLength(Geometry, 1));

    /// <summary>Whether this layer runs the direct convolution rather than im2col + SGEMM.</summary>
    public bool IsDirect => DirectConv2D.Supports(Geometry);

    /// <summary>The direct kernels gather each image's input gradient into dx; the im2col path adds its col2im.</summary>
    public bool WritesZeroedInputGradient => IsDirect;

    // The im2col path keeps the activation's gradient in its scratch, after the column matrix.
    public (int Floats, int Ints) ScratchSize(int capacity) =>
        (IsDirect ? DirectConv2D.ScratchLength(Geometry, capacity) : Conv2D.ScratchLength(Geometry, Math.Min(capacity, RunImages)) + (Relu ? capacity * OutputSize : 0), 0);

    // x: [inChannels, batch, inHeight, inWidth], y: [outChannels, batch, outHeight, outWidth]
    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch)
    {
        ReadOnlySpan<float> w = parameters[..Geometry.WeightCount], b = parameters[Geometry.WeightCount..];
        if (IsDirect)
        {
            DirectConv2D.Forward(x, w, b, Geometry, batch, threads, y, scratch.Floats, Relu);
            return;
        }

        Conv2D.Forward(x, w, b, Geometry, batch, threads, y, scratch.Floats);
        if (Relu)
        {
            var n = batch * OutputSize;
            ActivationFunctions.Forward(Activation.Relu, y[..n], y[..n]);
        }
    }

    /// <summary>
    /// The weights in <see cref="ChannelBlockedConv2D"/>'s blocks, where that path computes this
    /// layer's inference (a wide direct convolution with no up-sampling or pooling beside it, such as
    /// the denoiser's 7x7 layer; the others run as <see cref="Conv2DStep"/>s).
    /// </summary>
    public float[]? PrepareInference(ReadOnlySpan<float> parameters) =>
        IsDirect ? ChannelBlockedConv2D.PackForInference(parameters, Geometry, Conv2DFusion.None, Relu) : null;

    public void ForwardPrepared(ReadOnlySpan<float> x, ReadOnlySpan<float> prepared, ReadOnlySpan<float> parameters, int batch, int threads, Span<float> y, LayerScratch scratch)
    {
        if (!IsDirect)
        {
            Forward(x, parameters, batch, training: false, threads, y, scratch);
            return;
        }

        DirectConv2D.Forward(x, parameters[..Geometry.WeightCount], parameters[Geometry.WeightCount..], Geometry, Conv2DFusion.None, batch, threads, y, [], scratch.Floats, Relu, prepared);
    }

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero)
    {
        var w = parameters[..Geometry.WeightCount];
        Span<float> dw = dParameters[..Geometry.WeightCount], db = dParameters[Geometry.WeightCount..];
        var n = batch * OutputSize;
        if (IsDirect)
        {
            DirectConv2D.Backward(dy, x, w, Geometry, batch, threads, dw, db, dx, scratch.Floats, dxIsZero, Relu ? y[..n] : default);
            return;
        }

        if (!Relu)
        {
            Conv2D.Backward(dy, x, w, Geometry, batch, threads, dw, db, dx, scratch.Floats);
            return;
        }

        // The activation's gradient in the last n floats of the scratch, the column matrix before it
        // (for any batch up to the capacity the two fit: ScratchSize adds capacity x OutputSize).
        var dz = scratch.Floats[^n..];
        ActivationFunctions.Backward(Activation.Relu, y[..n], dy[..n], dz, dzIsZero: true);
        Conv2D.Backward(dz, x, w, Geometry, batch, threads, dw, db, dx, scratch.Floats[..^n]);
    }
}
