namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The naive convolution <see cref="Conv2D"/> must agree with: direct loops over every output pixel
/// and kernel tap, in the same channel-major layout, summing in double. A test oracle, not a fallback.
/// </summary>
internal static class Conv2DReference
{
    // x: [inChannels, batch, inHeight, inWidth], w: [outChannels, inChannels, kh, kw], b: [outChannels]
    // y: [outChannels, batch, outHeight, outWidth]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, in Conv2DGeometry g, int batch, Span<float> y)
    {
        for (var o = 0; o < g.OutChannels; o++)
        {
            for (var n = 0; n < batch; n++)
            {
                for (var oy = 0; oy < g.OutHeight; oy++)
                {
                    for (var ox = 0; ox < g.OutWidth; ox++)
                    {
                        double sum = b[o];
                        for (var c = 0; c < g.InChannels; c++)
                        {
                            for (var ky = 0; ky < g.KernelHeight; ky++)
                            {
                                for (var kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    if (Input(g, batch, c, n, oy, ox, ky, kx) is int i)
                                    {
                                        sum += (double)w[Weight(g, o, c, ky, kx)] * x[i];
                                    }
                                }
                            }
                        }

                        y[Output(g, batch, o, n, oy, ox)] = (float)sum;
                    }
                }
            }
        }
    }

    // dy: [outChannels, batch, outHeight, outWidth], x, w as in Forward
    // dw: [outChannels, inChannels, kh, kw] +=, db: [outChannels] +=, dx: [inChannels, batch, inHeight, inWidth] += or empty
    public static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w, in Conv2DGeometry g, int batch,
        Span<float> dw, Span<float> db, Span<float> dx)
    {
        var dwSum = new double[g.WeightCount];
        var dxSum = new double[dx.Length];
        for (var o = 0; o < g.OutChannels; o++)
        {
            double dbSum = 0;
            for (var n = 0; n < batch; n++)
            {
                for (var oy = 0; oy < g.OutHeight; oy++)
                {
                    for (var ox = 0; ox < g.OutWidth; ox++)
                    {
                        double d = dy[Output(g, batch, o, n, oy, ox)];
                        dbSum += d;
                        for (var c = 0; c < g.InChannels; c++)
                        {
                            for (var ky = 0; ky < g.KernelHeight; ky++)
                            {
                                for (var kx = 0; kx < g.KernelWidth; kx++)
                                {
                                    if (Input(g, batch, c, n, oy, ox, ky, kx) is int i)
                                    {
                                        var k = Weight(g, o, c, ky, kx);
                                        dwSum[k] += d * x[i];
                                        if (!dx.IsEmpty)
                                        {
                                            dxSum[i] += d * w[k];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }

            db[o] += (float)dbSum;
        }

        for (var k = 0; k < dwSum.Length; k++)
        {
            dw[k] += (float)dwSum[k];
        }

        for (var i = 0; i < dxSum.Length; i++)
        {
            dx[i] += (float)dxSum[i];
        }
    }

    // The input index tap (ky, kx) of output pixel (oy, ox) reads, or null in the padding.
    private static int? Input(in Conv2DGeometry g, int batch, int c, int n, int oy, int ox, int ky, int kx)
    {
        var iy = (oy * g.Stride) + ky - g.PadTop;
        var ix = (ox * g.Stride) + kx - g.PadLeft;
        return iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth ? null : ((((c * batch) + n) * g.InHeight) + iy) * g.InWidth + ix;
    }

    private static int Weight(in Conv2DGeometry g, int o, int c, int ky, int kx) => (((((o * g.InChannels) + c) * g.KernelHeight) + ky) * g.KernelWidth) + kx;

    private static int Output(in Conv2DGeometry g, int batch, int o, int n, int oy, int ox) => ((((o * batch) + n) * g.OutHeight) + oy) * g.OutWidth + ox;
}
