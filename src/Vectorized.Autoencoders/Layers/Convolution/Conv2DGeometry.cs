namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The sizes of one 2-D convolution: channels, input plane, kernel, stride and padding, and what
/// follows from them (output plane, padding before, the im2col depth). Both spatial axes share the
/// stride; the kernel may be rectangular.
/// </summary>
internal readonly record struct Conv2DGeometry
{
    public Conv2DGeometry(int inChannels, int outChannels, int inHeight, int inWidth, int kernelHeight, int kernelWidth, int stride, Conv2DPadding padding)
    {
        if (inChannels < 1 || outChannels < 1 || inHeight < 1 || inWidth < 1 || kernelHeight < 1 || kernelWidth < 1 || stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"convolution sizes must be positive (channels {inChannels}->{outChannels}, input {inHeight}x{inWidth}, kernel {kernelHeight}x{kernelWidth}, stride {stride}).");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        InHeight = inHeight;
        InWidth = inWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Padding = padding;
        OutHeight = OutputSize(inHeight, kernelHeight, stride, padding, out var top);
        OutWidth = OutputSize(inWidth, kernelWidth, stride, padding, out var left);
        PadTop = top;
        PadLeft = left;
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int InHeight { get; }

    public int InWidth { get; }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int Stride { get; }

    public Conv2DPadding Padding { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    /// <summary>Zero rows above the input (the rest of the padding, if any, is below it).</summary>
    public int PadTop { get; }

    /// <summary>Zero columns left of the input (the rest, if any, is right of it).</summary>
    public int PadLeft { get; }

    public int InPlane => InHeight * InWidth;

    public int OutPlane => OutHeight * OutWidth;

    /// <summary>Rows of the im2col matrix, the GEMM's depth: one per (input channel, ky, kx).</summary>
    public int ColumnRows => InChannels * KernelHeight * KernelWidth;

    /// <summary>Floats in the weight tensor [out, in, kh, kw].</summary>
    public int WeightCount => OutChannels * ColumnRows;

    /// <summary>
    /// Keras' output size along one axis and the padding before it: same, ceil(in / s) with the odd
    /// unit of padding after; valid, floor((in - k) / s) + 1. Shared by convolution and pooling.
    /// </summary>
    public static int OutputSize(int input, int kernel, int stride, Conv2DPadding padding, out int padBefore)
    {
        if (padding == Conv2DPadding.Same)
        {
            var output = (input + stride - 1) / stride;
            var total = Math.Max(((output - 1) * stride) + kernel - input, 0);
            padBefore = total / 2;
            return output;
        }

        if (input < kernel)
        {
            throw new ArgumentOutOfRangeException(nameof(input), $"a valid window of {kernel} does not fit in an input of {input}.");
        }

        padBefore = 0;
        return ((input - kernel) / stride) + 1;
    }
}
