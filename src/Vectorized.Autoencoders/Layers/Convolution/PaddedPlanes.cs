using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

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
internal readonly unsafe record struct PaddedPlanes
{
    /// <summary>
    /// The flat output length is a multiple of this: two 16-float vectors, every kernel's smallest
    /// step at every width, so the layout is the same on every path. (Four vectors wasted an eighth of
    /// a 14x14 layer's work on rounding 224 up to 256.)
    /// </summary>
    public const int Block = 32;

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

    /// <summary>
    /// Writes a plane into this layout at (PadTop, PadLeft). Only the plane's own floats are written:
    /// the rest (padding, junk) must be zero already, and stays so from image to image, so a run of
    /// images clears its planes once (a plane is mostly padding at these sizes: 960 floats for 784).
    /// With a <paramref name="mask"/> (a fused ReLU's output, for a gradient) a float passes only where
    /// the mask's is above zero (<see cref="Kernels.Operators.ReluBackwardOperator"/>'s rule).
    /// </summary>
    // plane, mask: [InHeight, InWidth] (mask may be null); padded: [PlaneStride], zero outside the plane
    public void Pad<TVec, TOps>(float* plane, float* padded, float* mask = null)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec> =>
        Place<TVec, TOps>(plane, mask, InHeight, InWidth, PadTop, PadLeft, RowStride, padded);

    /// <summary>
    /// Writes a plane held in another flat layout, rows <paramref name="sourceStride"/> apart, into
    /// this one as <see cref="Pad"/> does: the input gradient reads dy from the weight gradient's flat
    /// copy of it in the slot (masked already), not a second time from the tensor in memory.
    /// </summary>
    // source: [InHeight rows, sourceStride apart, InWidth valid]; padded: [PlaneStride], zero outside the plane
    public void PadFrom<TVec, TOps>(float* source, int sourceStride, float* padded)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        for (var r = 0; r < InHeight; r++)
        {
            CopyRow<TVec, TOps>(source + (r * sourceStride), padded + ((r + PadTop) * RowStride) + PadLeft, InWidth);
        }
    }

    /// <summary>
    /// Writes an output-sized plane (a gradient dy) in the flat output layout; the junk columns and
    /// the rounding must be zero already (as for <see cref="Pad"/>): the weight gradient multiplies
    /// the shifted inputs by them. A <paramref name="mask"/> works as in <see cref="Pad"/>.
    /// </summary>
    // plane, mask: [OutHeight, OutWidth] (mask may be null); flat: [Flat], zero outside the plane
    public void Spread<TVec, TOps>(float* plane, float* flat, float* mask = null)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec> =>
        Place<TVec, TOps>(plane, mask, OutHeight, OutWidth, 0, 0, RowStride, flat);

    /// <summary>
    /// <see cref="Gather"/> through a fused ReLU: max(v, 0) by <see cref="Kernels.Operators.ReluOperator"/>'s
    /// rule (v where v &gt; 0, else +0), applied while the plane is in the cache.
    /// </summary>
    // flat: [Flat]; plane: [OutHeight, OutWidth]
    public void GatherRelu<TVec, TOps>(float* flat, float* plane)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        for (var oy = 0; oy < OutHeight; oy++)
        {
            float* source = flat + (oy * RowStride);
            CopyRowMasked<TVec, TOps>(source, source, plane + (oy * OutWidth), OutWidth);
        }
    }

    /// <summary>Copies the valid outputs of a flat plane out: row oy is flat[oy RowStride ..][..OutWidth].</summary>
    // flat: [Flat]; plane: [OutHeight, OutWidth]
    public void Gather<TVec, TOps>(float* flat, float* plane)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        for (var oy = 0; oy < OutHeight; oy++)
        {
            CopyRow<TVec, TOps>(flat + (oy * RowStride), plane + (oy * OutWidth), OutWidth);
        }
    }

    /// <summary>Adds the valid outputs of a flat plane onto a plane (an input gradient accumulates).</summary>
    // flat: [Flat]; plane: [OutHeight, OutWidth]
    public void GatherAdd<TVec, TOps>(float* flat, float* plane)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        for (var oy = 0; oy < OutHeight; oy++)
        {
            float* source = flat + (oy * RowStride), target = plane + (oy * OutWidth);
            var i = 0;
            for (; i + v <= OutWidth; i += v)
            {
                TOps.Store(TOps.Add(TOps.Load(target + i), TOps.Load(source + i)), target + i);
            }

            for (; i < OutWidth; i++)
            {
                target[i] += source[i];
            }
        }
    }

    // The rows of source land at (r + top, left) of destination, through the mask where there is one.
    private static void Place<TVec, TOps>(float* source, float* mask, int height, int width, int top, int left, int rowStride, float* destination)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        for (var r = 0; r < height; r++)
        {
            var target = destination + ((r + top) * rowStride) + left;
            // The plane's floats from this row on: a short row whose plane goes on for a whole vector
            // is read with a plain load (see CopyRow).
            var readable = (height - r) * width;
            if (mask == null)
            {
                CopyRow<TVec, TOps>(source + (r * width), target, width, readable);
            }
            else
            {
                CopyRowMasked<TVec, TOps>(source + (r * width), mask + (r * width), target, width, readable);
            }
        }
    }

    // A row of a plane is a few dozen floats: a call to a general copy per row costs more than the copy.
    // Whole vectors, then the last vector again overlapping the one before (a copy may write twice).
    // readable: how many floats may be read from source on (0: only the row's); a short row with a
    // whole vector readable is read with a plain load, as masked loads from a tensor in memory were
    // several times slower (the up-sampling's, 6821 against 1343 profile samples). Inlined into the
    // row loops: NativeAOT, without the JIT's profile, called it per row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CopyRow<TVec, TOps>(float* source, float* destination, int width, int readable = 0)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        if (width < v)
        {
            if (v == Vector512<float>.Count && Avx512F.IsSupported)
            {
                var row = ShortRow(width);
                Avx512F.MaskStore(destination, row, readable >= v ? Vector512.Load(source) : Avx512F.MaskLoad(source, row, Vector512<float>.Zero));
                return;
            }

            for (var i = 0; i < width; i++)
            {
                destination[i] = source[i];
            }

            return;
        }

        for (var i = 0; i + v <= width; i += v)
        {
            TOps.Store(TOps.Load(source + i), destination + i);
        }

        if (width % v != 0)
        {
            TOps.Store(TOps.Load(source + width - v), destination + width - v);
        }
    }

    // A row copied through a rule on (value, mask) pairs: v where the mask's float is above zero, else
    // +0. With the value as its own mask this is ReLU; with a ReLU's output as the mask, its gradient.
    // The overlapping last vector rewrites what it rewrote before, the same values.
    // readable: as CopyRow's, for source and mask alike.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRowMasked<TVec, TOps>(float* source, float* mask, float* destination, int width, int readable = 0)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        if (width < v)
        {
            if (v == Vector512<float>.Count && Avx512F.IsSupported)
            {
                var row = ShortRow(width);
                var whole = readable >= v;
                var values = whole ? Vector512.Load(source) : Avx512F.MaskLoad(source, row, Vector512<float>.Zero);
                var passed = Vector512.GreaterThan(whole ? Vector512.Load(mask) : Avx512F.MaskLoad(mask, row, Vector512<float>.Zero), Vector512<float>.Zero);
                Avx512F.MaskStore(destination, row, values & passed);
                return;
            }

            CopyShortRowMasked(source, mask, destination, width);
            return;
        }

        var zero = TOps.Create(0f);
        for (var i = 0; i + v <= width; i += v)
        {
            TOps.Store(TOps.BitwiseAnd(TOps.Load(source + i), TOps.GreaterThan(TOps.Load(mask + i), zero)), destination + i);
        }

        if (width % v != 0)
        {
            var i = width - v;
            TOps.Store(TOps.BitwiseAnd(TOps.Load(source + i), TOps.GreaterThan(TOps.Load(mask + i), zero)), destination + i);
        }
    }

    // The lanes of a row narrower than an AVX-512 vector (the 14- and 7-wide planes): AVX-512's masked
    // loads and stores touch only those floats, so a whole row is one of each (a float at a time was
    // a fifth of the convolutions' copying).
    private static Vector512<float> ShortRow(int width) =>
        Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(width)).AsSingle();

    // Rows narrower than the path's vector where AVX-512 is not (narrow rows under AVX2): the same rule in
    // 128-bit vectors, the last one overlapping. A branch per float mispredicted on about every other
    // of a ReLU's zeros and made the fused layers slower than the separate ones.
    private static void CopyShortRowMasked(float* source, float* mask, float* destination, int width)
    {
        const int v = 4;
        if (width < v || !Vector128.IsHardwareAccelerated)
        {
            for (var i = 0; i < width; i++)
            {
                destination[i] = mask[i] > 0f ? source[i] : 0f;
            }

            return;
        }

        for (var i = 0; i + v <= width; i += v)
        {
            (Vector128.Load(source + i) & Vector128.GreaterThan(Vector128.Load(mask + i), Vector128<float>.Zero)).Store(destination + i);
        }

        if (width % v != 0)
        {
            var i = width - v;
            (Vector128.Load(source + i) & Vector128.GreaterThan(Vector128.Load(mask + i), Vector128<float>.Zero)).Store(destination + i);
        }
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
