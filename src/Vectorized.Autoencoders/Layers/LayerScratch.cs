namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// A layer's own slice of the workspace, sized by <see cref="ILayer.ScratchSize"/> for the
/// workspace's capacity: floats (a convolution's im2col columns) and ints (a max-pooling's argmax,
/// saved by the forward pass for the backward pass). Empty for layers that need none.
/// </summary>
internal readonly ref struct LayerScratch(Span<float> floats, Span<int> ints)
{
    public Span<float> Floats { get; } = floats;

    public Span<int> Ints { get; } = ints;
}
