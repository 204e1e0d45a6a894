namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Up to three layers of a model run as one step: an up-sampling before a direct convolution, the
/// convolution with its activation, a max-pooling after it (<see cref="Conv2DFusion"/>). The model
/// keeps its layers as they are (its file, its names, its ONNX graph); the training and inference
/// walks run this in their place (<see cref="Models.Network.Steps"/>). The values are the separate
/// layers' to the bit except the bias gradient, whose sums run in another order; the difference is
/// what the tensors between cost: they are never written.
/// </summary>
internal sealed class Conv2DStep : ILayer, IPreparedInference
{
    public Conv2DStep(UpSampling2DLayer? up, Conv2DLayer conv, MaxPool2DLayer? pool)
    {
        var g = conv.Geometry;
        if (!conv.IsDirect)
        {
            throw new ArgumentException($"only a direct convolution runs with its neighbours, not {g}.", nameof(conv));
        }

        if (up != null && (up.Channels != g.InChannels || up.Height * up.Factor != g.InHeight || up.Width * up.Factor != g.InWidth))
        {
            throw new ArgumentException($"an up-sampling of {up.Channels}x{up.Height}x{up.Width} by {up.Factor} does not feed the convolution {g}.", nameof(up));
        }

        if (pool != null && pool.Channels != g.OutChannels)
        {
            throw new ArgumentException($"a pooling of {pool.Channels} channels does not follow the convolution {g}.", nameof(pool));
        }

        (Up, Conv, Pool) = (up, conv, pool);
        Fusion = new Conv2DFusion(up?.Factor ?? 1, pool?.Geometry);
        Fusion.Check(g);
    }

    public UpSampling2DLayer? Up { get; }

    public Conv2DLayer Conv { get; }

    public MaxPool2DLayer? Pool { get; }

    public Conv2DFusion Fusion { get; }

    public int InputSize => Up?.InputSize ?? Conv.InputSize;

    public int OutputSize => Pool?.OutputSize ?? Conv.OutputSize;

    public int ParameterCount => Conv.ParameterCount;

    /// <summary>The layers it runs, for a profile: e.g. <c>upsampling2d+conv2d+relu</c>.</summary>
    public string Description =>
        (Up != null ? "upsampling2d+" : "") + "conv2d" + (Relu ? "+relu" : "") + (Pool != null ? "+maxpool2d" : "");

    private bool Relu => Conv.Activation == Activation.Relu;

    // The pooling's argmax lives in the ints, from the forward pass to the backward pass.
    public (int Floats, int Ints) ScratchSize(int capacity) =>
        (DirectConv2D.ScratchLength(Conv.Geometry, capacity), Pool == null ? 0 : capacity * OutputSize);

    public bool WritesZeroedInputGradient => true;

    // x: [inChannels, batch, plane before the up-sampling], y: [outChannels, batch, plane after the pooling]
    // Outside training no backward pass follows, so the pooling keeps no argmax: the denoiser's
    // encoder at batch 128 took 0.88-0.92x the time without writing it.
    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch)
    {
        var g = Conv.Geometry;
        DirectConv2D.Forward(x, parameters[..g.WeightCount], parameters[g.WeightCount..], g, Fusion, batch, threads, y, training ? scratch.Ints : [], scratch.Floats, Relu);
    }

    /// <summary>The weights in <see cref="ChannelBlockedConv2D"/>'s blocks, where that path computes this step's inference.</summary>
    public float[]? PrepareInference(ReadOnlySpan<float> parameters) =>
        ChannelBlockedConv2D.PackForInference(parameters, Conv.Geometry, Fusion, Relu);

    public void ForwardPrepared(ReadOnlySpan<float> x, ReadOnlySpan<float> prepared, ReadOnlySpan<float> parameters, int batch, int threads, Span<float> y, LayerScratch scratch)
    {
        var g = Conv.Geometry;
        DirectConv2D.Forward(x, parameters[..g.WeightCount], parameters[g.WeightCount..], g, Fusion, batch, threads, y, [], scratch.Floats, Relu, prepared);
    }

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero)
    {
        var g = Conv.Geometry;
        DirectConv2D.Backward(
            dy, x, parameters[..g.WeightCount], g, Fusion, batch, threads, dParameters[..g.WeightCount], dParameters[g.WeightCount..], dx,
            scratch.Ints, scratch.Floats, dxIsZero, Relu ? y[..(batch * OutputSize)] : default);
    }
}
