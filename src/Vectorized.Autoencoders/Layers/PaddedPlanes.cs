namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The layout a direct stride-1 convolution reads its input in: each plane copied into zeros, its
/// padding made explicit, and every row <see cref="RowStride"/> = output width + kernel width - 1
/// floats long. Then output pixel (oy, ox) sits at flat index f = oy RowStride + ox, tap (ky, kx)
/// reads input index f + ky RowStride + kx, and a whole plane of outputs is ONE run of contiguous
/// vectors over f, every tap a plain shifted load: no bounds inside the loops. The price is the
/// kernel width - 1 junk outputs per row (ox &gt;= output width), computed and dropped, and the
/// <see cref="Flat"/> length rounded up to whole blocks of <see cref="Block"/> floats.
/// </summary>
internal readonly record struct PaddedPlanes
{
    /// <summary>
    /// The flat output length is a multiple of this: four 16-float vectors, so every kernel's
    /// block of 1, 2 or 4 vectors divides it at every width, and the layout is the same on every path.
    /// </summary>
    public const int Block = 64;

    public PaddedPlanes(int inHeight, int inWidth, int padTop, int padLeft, int outHeight, int outWidth, int kernelHeight, int kernelWidth)
    {
        InHeight = inHeight;
        InWidth = inWidth;
        PadTop = padTop;
        PadLeft = padLeft;
        OutHeight = outHeight;
        OutWidth = outWidth;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        RowStride = outWidth + kernelWidth - 1;
        Flat = RoundUp(outHeight * RowStride, Block);
        // The last block's farthest tap reads Flat - 1 + (kh - 1) RowStride + kw - 1.
        PlaneStride = RoundUp(Flat + ((kernelHeight - 1) * RowStride) + kernelWidth - 1, 16);
    }

    public int InHeight { get; }

    public int InWidth { get; }

    public int PadTop { get; }

    public int PadLeft { get; }

    public int OutHeight { get; }

    public int OutWidth { get; }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    /// <summary>Floats per padded row, input and output alike.</summary>
    public int RowStride { get; }

    /// <summary>Outputs per plane in the flat layout, junk columns and the rounding included.</summary>
    public int Flat { get; }

    /// <summary>Floats per padded input plane: every index a tap of an output below <see cref="Flat"/> reads.</summary>
    public int PlaneStride { get; }

    /// <summary>The layout of a convolution's own input (the forward pass and the weight gradient).</summary>
    public static PaddedPlanes Forward(in Conv2DGeometry g) =>
        new(g.InHeight, g.InWidth, g.PadTop, g.PadLeft, g.OutHeight, g.OutWidth, g.KernelHeight, g.KernelWidth);

    /// <summary>
    /// The layout of the output gradient read by the input gradient, a stride-1 convolution of dy with
    /// the flipped kernel: dy padded by what the forward pass's padding leaves of each kernel extent.
    /// </summary>
    public static PaddedPlanes Transposed(in Conv2DGeometry g) =>
        new(g.OutHeight, g.OutWidth, g.KernelHeight - 1 - g.PadTop, g.KernelWidth - 1 - g.PadLeft, g.InHeight, g.InWidth, g.KernelHeight, g.KernelWidth);

    /// <summary>Writes a plane into this layout: the plane at (PadTop, PadLeft), zeros everywhere else.</summary>
    // plane: [InHeight, InWidth]; padded: [PlaneStride]
    public void Pad(ReadOnlySpan<float> plane, Span<float> padded) =>
        Place(plane, InHeight, InWidth, PadTop, PadLeft, RowStride, padded[..PlaneStride]);

    /// <summary>
    /// Writes an output-sized plane (a gradient dy) in the flat output layout, zeros in the junk
    /// columns and the rounding: what the weight gradient multiplies the shifted inputs by.
    /// </summary>
    // plane: [OutHeight, OutWidth]; flat: [Flat]
    public void Spread(ReadOnlySpan<float> plane, Span<float> flat) =>
        Place(plane, OutHeight, OutWidth, 0, 0, RowStride, flat[..Flat]);

    /// <summary>Copies the valid outputs of a flat plane out: row oy is flat[oy RowStride ..][..OutWidth].</summary>
    // flat: [Flat]; plane: [OutHeight, OutWidth]
    public void Gather(ReadOnlySpan<float> flat, Span<float> plane)
    {
        for (var oy = 0; oy < OutHeight; oy++)
        {
            flat.Slice(oy * RowStride, OutWidth).CopyTo(plane.Slice(oy * OutWidth, OutWidth));
        }
    }

    /// <summary>Adds the valid outputs of a flat plane onto a plane (an input gradient accumulates).</summary>
    // flat: [Flat]; plane: [OutHeight, OutWidth]
    public void GatherAdd(ReadOnlySpan<float> flat, Span<float> plane)
    {
        for (var oy = 0; oy < OutHeight; oy++)
        {
            var row = plane.Slice(oy * OutWidth, OutWidth);
            Kernels.ElementWise.Add(row, flat.Slice(oy * RowStride, OutWidth), row);
        }
    }

    private static void Place(ReadOnlySpan<float> plane, int height, int width, int top, int left, int rowStride, Span<float> destination)
    {
        destination.Clear();
        for (var r = 0; r < height; r++)
        {
            plane.Slice(r * width, width).CopyTo(destination.Slice(((r + top) * rowStride) + left, width));
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
