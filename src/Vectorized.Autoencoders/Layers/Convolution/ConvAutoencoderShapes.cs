namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The layer lists of the Keras blog's two convolutional autoencoders, as
/// <c>../shared/peers/pytorch_convae.py</c> builds them (activations left out: they change no shape),
/// and the shape each layer produces. Independent of how a model object holds its layers.
/// </summary>
internal static class ConvAutoencoderShapes
{
    /// <summary>The blog's small model: three conv + pool stages to a 4x4x8 code, and back with one valid conv (16 -> 14).</summary>
    public static IReadOnlyList<ConvLayer> Small { get; } =
    [
        ConvLayer.Conv(16), ConvLayer.MaxPool(2), ConvLayer.Conv(8), ConvLayer.MaxPool(2), ConvLayer.Conv(8), ConvLayer.MaxPool(2),
        ConvLayer.Conv(8), ConvLayer.UpSampling(2), ConvLayer.Conv(8), ConvLayer.UpSampling(2),
        ConvLayer.Conv(16, padding: Conv2DPadding.Valid), ConvLayer.UpSampling(2), ConvLayer.Conv(1),
    ];

    /// <summary>The blog's denoiser: two conv 32 + pool stages to a 7x7x32 code, two conv 32 + up-sampling, conv 32 -> 1.</summary>
    public static IReadOnlyList<ConvLayer> Denoising { get; } =
    [
        ConvLayer.Conv(32), ConvLayer.MaxPool(2), ConvLayer.Conv(32), ConvLayer.MaxPool(2),
        ConvLayer.Conv(32), ConvLayer.UpSampling(2), ConvLayer.Conv(32), ConvLayer.UpSampling(2), ConvLayer.Conv(1),
    ];

    /// <summary>The shape after each layer, starting from <paramref name="input"/>.</summary>
    public static ConvShape[] Trace(ConvShape input, IReadOnlyList<ConvLayer> layers)
    {
        var shapes = new ConvShape[layers.Count];
        var shape = input;
        for (var i = 0; i < layers.Count; i++)
        {
            shape = layers[i].OutputShape(shape);
            shapes[i] = shape;
        }

        return shapes;
    }
}

/// <summary>An activation's shape per image: channels, height, width.</summary>
internal readonly record struct ConvShape(int Channels, int Height, int Width);

/// <summary>One shape-changing layer of a convolutional autoencoder: a convolution, a max-pooling or an up-sampling.</summary>
internal sealed record ConvLayer(ConvLayerKind Kind, int OutChannels, int Size, int Stride, Conv2DPadding Padding)
{
    /// <summary>A convolution to <paramref name="outChannels"/> (Keras' defaults: 3x3, stride 1, same).</summary>
    public static ConvLayer Conv(int outChannels, int kernel = 3, int stride = 1, Conv2DPadding padding = Conv2DPadding.Same) =>
        new(ConvLayerKind.Conv2D, outChannels, kernel, stride, padding);

    /// <summary>Keras' MaxPooling2D(pool, padding='same'), stride = pool.</summary>
    public static ConvLayer MaxPool(int pool) => new(ConvLayerKind.MaxPool2D, 0, pool, pool, Conv2DPadding.Same);

    /// <summary>Keras' UpSampling2D(factor), nearest.</summary>
    public static ConvLayer UpSampling(int factor) => new(ConvLayerKind.UpSampling2D, 0, factor, factor, Conv2DPadding.Same);

    public ConvShape OutputShape(ConvShape input)
    {
        switch (Kind)
        {
            case ConvLayerKind.Conv2D:
                var conv = Geometry(input);
                return new ConvShape(OutChannels, conv.OutHeight, conv.OutWidth);
            case ConvLayerKind.MaxPool2D:
                var pool = new MaxPool2DGeometry(input.Height, input.Width, Size, Stride, Padding);
                return new ConvShape(input.Channels, pool.OutHeight, pool.OutWidth);
            default:
                return new ConvShape(input.Channels, input.Height * Size, input.Width * Size);
        }
    }

    /// <summary>The convolution's geometry on an input of this shape.</summary>
    public Conv2DGeometry Geometry(ConvShape input) =>
        new(input.Channels, OutChannels, input.Height, input.Width, Size, Size, Stride, Padding);
}

/// <summary>The kinds of <see cref="ConvLayer"/>.</summary>
internal enum ConvLayerKind
{
    Conv2D,
    MaxPool2D,
    UpSampling2D,
}
