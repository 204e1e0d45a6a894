namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// What a direct convolution does around itself when the layers beside it run inside it
/// (<see cref="Conv2DStep"/>): it may read its input up-sampled (nearest, by <see cref="Up"/>) from
/// planes <see cref="Up"/> times smaller, and max-pool its activated output (<see cref="Pool"/>). The
/// tensors between, the up-sampled input and the convolution's own output, then never exist: at
/// 28x28x32 they are 12.8 MB a batch each, and writing and reading them was memory-bound (about a
/// millisecond a pass that did not get faster with a second thread).
/// </summary>
internal readonly record struct Conv2DFusion(int Up, MaxPool2DGeometry? Pool)
{
    /// <summary>A convolution alone: its input and output as its geometry says.</summary>
    public static Conv2DFusion None => new(1, null);

    /// <summary>Floats per (channel, image) plane of the input read: the convolution's input plane shrunk by <see cref="Up"/> on each axis.</summary>
    public int InputPlane(in Conv2DGeometry g) => g.InPlane / (Up * Up);

    /// <summary>Floats per (channel, image) plane of the output written: the pooled plane, or the convolution's.</summary>
    public int OutputPlane(in Conv2DGeometry g) => Pool?.OutPlane ?? g.OutPlane;

    /// <summary>Refuses a fusion that does not fit <paramref name="g"/>.</summary>
    public void Check(in Conv2DGeometry g)
    {
        if (Up < 1 || g.InHeight % Up != 0 || g.InWidth % Up != 0)
        {
            throw new ArgumentException($"an up-sampling by {Up} cannot feed the convolution {g}: its input is not a whole multiple.");
        }

        if (Pool is { } pool && (pool.InHeight != g.OutHeight || pool.InWidth != g.OutWidth))
        {
            throw new ArgumentException($"a pooling of {pool.InHeight}x{pool.InWidth} planes cannot follow the convolution {g}.");
        }
    }
}
