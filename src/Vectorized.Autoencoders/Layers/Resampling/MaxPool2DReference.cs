namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The naive max-pooling <see cref="MaxPool2D"/> must agree with: every output scans its whole
/// padded window, and the backward pass finds each maximum again instead of reading saved indices.
/// A test oracle, not a fallback.
/// </summary>
internal static class MaxPool2DReference
{
    // x: [planes, inHeight, inWidth]; y: [planes, outHeight, outWidth]
    public static void Forward(ReadOnlySpan<float> x, in MaxPool2DGeometry g, int planes, Span<float> y)
    {
        for (var p = 0; p < planes; p++)
        {
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    y[(p * g.OutPlane) + (oy * g.OutWidth) + ox] = x[(p * g.InPlane) + ArgMax(x.Slice(p * g.InPlane, g.InPlane), g, oy, ox)];
                }
            }
        }
    }

    // dy: [planes, outHeight, outWidth], x: [planes, inHeight, inWidth]; dx: [planes, inHeight, inWidth] +=
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, in MaxPool2DGeometry g, int planes, Span<float> dx)
    {
        for (var p = 0; p < planes; p++)
        {
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    dx[(p * g.InPlane) + ArgMax(x.Slice(p * g.InPlane, g.InPlane), g, oy, ox)] += dy[(p * g.OutPlane) + (oy * g.OutWidth) + ox];
                }
            }
        }
    }

    // The first index of the window's maximum (a NaN counts as the maximum), padding positions skipped.
    private static int ArgMax(ReadOnlySpan<float> plane, in MaxPool2DGeometry g, int oy, int ox)
    {
        var at = -1;
        for (var ky = 0; ky < g.Pool; ky++)
        {
            for (var kx = 0; kx < g.Pool; kx++)
            {
                var iy = (oy * g.Stride) + ky - g.PadTop;
                var ix = (ox * g.Stride) + kx - g.PadLeft;
                if (iy < 0 || iy >= g.InHeight || ix < 0 || ix >= g.InWidth)
                {
                    continue;
                }

                var i = (iy * g.InWidth) + ix;
                if (at < 0 || float.IsNaN(plane[i]) || (!float.IsNaN(plane[at]) && plane[i] > plane[at]))
                {
                    at = i;
                }
            }
        }

        return at;
    }
}
