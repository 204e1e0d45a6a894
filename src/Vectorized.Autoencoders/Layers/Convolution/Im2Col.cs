using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Unfolds a convolution's input into the matrix its GEMM multiplies (forward), and folds a gradient
/// of that matrix back onto the input (backward, "col2im"), for activations stored channel-major,
/// [channels, batch, height, width] (see <see cref="Conv2D"/> for why). Row (c, ky, kx) of the
/// matrix holds, for every output pixel (image, oy, ox) of a run of images, the input pixel that
/// kernel tap sees, or 0 where it falls in the padding. Serial: the caller's GEMM is the threaded part.
/// </summary>
internal static class Im2Col
{
    /// <summary>col[(c, ky, kx), (i, oy, ox)] = x[c, firstImage + i, oy s + ky - padTop, ox s + kx - padLeft], 0 outside.</summary>
    // x: [inChannels, batch, inHeight, inWidth]; col: [inChannels * kh * kw, images * outHeight * outWidth]
    public static void Forward(ReadOnlySpan<float> x, in Conv2DGeometry g, int batch, int firstImage, int images, Span<float> col)
    {
        var n = Check(x.Length, col.Length, g, batch, firstImage, images);
        int ow = g.OutWidth, s = g.Stride;
        for (var c = 0; c < g.InChannels; c++)
        {
            var planes = x.Slice(((c * batch) + firstImage) * g.InPlane, images * g.InPlane);
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var row = col.Slice((((c * g.KernelHeight) + ky) * g.KernelWidth + kx) * n, n);
                    var (lo, hi) = InsideColumns(g, kx);
                    var shift = kx - g.PadLeft;
                    for (var i = 0; i < images; i++)
                    {
                        var plane = planes.Slice(i * g.InPlane, g.InPlane);
                        for (var oy = 0; oy < g.OutHeight; oy++)
                        {
                            var dst = row.Slice(((i * g.OutHeight) + oy) * ow, ow);
                            var iy = (oy * s) + ky - g.PadTop;
                            if (iy < 0 || iy >= g.InHeight)
                            {
                                dst.Clear();
                                continue;
                            }

                            var src = plane.Slice(iy * g.InWidth, g.InWidth);
                            dst[..lo].Clear();
                            dst[hi..].Clear();
                            if (lo >= hi)
                            {
                                continue;
                            }

                            if (s == 1)
                            {
                                src.Slice(lo + shift, hi - lo).CopyTo(dst[lo..hi]);
                            }
                            else
                            {
                                for (var ox = lo; ox < hi; ox++)
                                {
                                    dst[ox] = src[(ox * s) + shift];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>dx[c, firstImage + i, iy, ix] += every dcol entry Forward took from that pixel (padding entries are dropped).</summary>
    // dcol: [inChannels * kh * kw, images * outHeight * outWidth]; dx: [inChannels, batch, inHeight, inWidth]
    public static void Backward(ReadOnlySpan<float> dcol, in Conv2DGeometry g, int batch, int firstImage, int images, Span<float> dx)
    {
        var n = Check(dx.Length, dcol.Length, g, batch, firstImage, images);
        int ow = g.OutWidth, s = g.Stride;
        for (var c = 0; c < g.InChannels; c++)
        {
            var planes = dx.Slice(((c * batch) + firstImage) * g.InPlane, images * g.InPlane);
            for (var ky = 0; ky < g.KernelHeight; ky++)
            {
                for (var kx = 0; kx < g.KernelWidth; kx++)
                {
                    var row = dcol.Slice((((c * g.KernelHeight) + ky) * g.KernelWidth + kx) * n, n);
                    var (lo, hi) = InsideColumns(g, kx);
                    var shift = kx - g.PadLeft;
                    for (var i = 0; i < images; i++)
                    {
                        var plane = planes.Slice(i * g.InPlane, g.InPlane);
                        for (var oy = 0; oy < g.OutHeight; oy++)
                        {
                            var iy = (oy * s) + ky - g.PadTop;
                            if (iy < 0 || iy >= g.InHeight || lo >= hi)
                            {
                                continue;
                            }

                            var src = row.Slice(((i * g.OutHeight) + oy) * ow, ow);
                            var dst = plane.Slice(iy * g.InWidth, g.InWidth);
                            if (s == 1)
                            {
                                var span = dst.Slice(lo + shift, hi - lo);
                                ElementWise.Add(span, src[lo..hi], span);
                            }
                            else
                            {
                                for (var ox = lo; ox < hi; ox++)
                                {
                                    dst[(ox * s) + shift] += src[ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The output columns [lo, hi) whose tap kx lands inside the input row: 0 &lt;= ox s + kx - padLeft &lt; inWidth.</summary>
    private static (int Lo, int Hi) InsideColumns(in Conv2DGeometry g, int kx)
    {
        var before = g.PadLeft - kx;
        var lo = before <= 0 ? 0 : (before + g.Stride - 1) / g.Stride;
        var end = g.InWidth + g.PadLeft - kx;
        var hi = end <= 0 ? 0 : (end + g.Stride - 1) / g.Stride;
        hi = Math.Min(hi, g.OutWidth);
        lo = Math.Min(lo, hi);
        return (lo, hi);
    }

    // Returns the matrix's column count, images * outPlane.
    private static int Check(int imageLength, int colLength, in Conv2DGeometry g, int batch, int firstImage, int images)
    {
        if (firstImage < 0 || images < 1 || firstImage + images > batch)
        {
            throw new ArgumentOutOfRangeException(nameof(images), $"images [{firstImage}, {firstImage + images}) are not inside a batch of {batch}.");
        }

        if (imageLength < g.InChannels * batch * g.InPlane)
        {
            throw new ArgumentException($"the activations hold {imageLength} floats, fewer than [{g.InChannels}, {batch}, {g.InHeight}, {g.InWidth}].");
        }

        var n = images * g.OutPlane;
        if (colLength < g.ColumnRows * n)
        {
            throw new ArgumentException($"the column matrix holds {colLength} floats, fewer than [{g.ColumnRows}, {n}].");
        }

        return n;
    }
}
