namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The sizes of one max-pooling: input plane, square window, stride and Keras padding. With
/// <see cref="Conv2DPadding.Same"/>, a 2x2 window of stride 2 is PyTorch's ceil mode (7 -> 4, the
/// last window covering the last row alone); the padding never wins a max.
/// </summary>
internal readonly record struct MaxPool2DGeometry
{
    public MaxPool2DGeometry(int inHeight, int inWidth, int pool, int stride, Conv2DPadding padding)
    {
        if (inHeight < 1 || inWidth < 1 || pool < 1 || stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), $"pooling sizes must be positive (input {inHeight}x{inWidth}, pool {pool}, stride {stride}).");
        }

        InHeight = inHeight;
        InWidth = inWidth;
        Pool = pool;
        Stride = stride;
        Padding = padding;
        OutHeight = Conv2DGeometry.OutputSize(inHeight, pool, stride, padding, out var top);
        OutWidth = Conv2DGeometry.OutputSize(inWidth, pool, stride, padding, out var left);
        PadTop = top;
        PadLeft = left;
    }

    public int InHeight { get; }

    public int InWidth { get; }

    public int Pool { get; }

    public int Stride { get; }

    public Conv2DPadding Padding { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    public int PadTop { get; }

    public int PadLeft { get; }

    public int InPlane => InHeight * InWidth;

    public int OutPlane => OutHeight * OutWidth;
}
