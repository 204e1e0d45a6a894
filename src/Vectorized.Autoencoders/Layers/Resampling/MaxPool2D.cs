using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Forward and backward of max-pooling over independent planes (llm.c style: backward ACCUMULATES
/// into dx). A plane is one channel of one image, so the layout of channels and images around it
/// does not matter. The forward pass saves, for every output, the index in its input plane of the
/// maximum, which is all the backward pass needs: the gradient goes to that one input.
/// </summary>
internal static class MaxPool2D
{
    /// <summary>
    /// y = the maximum of each window (padding excluded); argmax = its index iy * inWidth + ix in the
    /// plane. Ties go to the first in row-major order and a NaN wins, as in PyTorch's kernel.
    /// </summary>
    // x: [planes, inHeight, inWidth]; y, argmax: [planes, outHeight, outWidth]
    public static void Forward(ReadOnlySpan<float> x, in MaxPool2DGeometry g, int planes, Span<float> y, Span<int> argmax)
    {
        Check(x.Length, y.Length, argmax.Length, g, planes);
        for (var p = 0; p < planes; p++)
        {
            ForwardPlane(x.Slice(p * g.InPlane, g.InPlane), g, y.Slice(p * g.OutPlane, g.OutPlane), argmax.Slice(p * g.OutPlane, g.OutPlane));
        }
    }

    /// <summary>One plane of <see cref="Forward"/>: the 2x2 stride-2 windows that lie inside it by <see cref="MaxPool2DTwoByTwo"/>, every other output by the general loop.</summary>
    // plane: [inHeight, inWidth]; outputs, indices: [outHeight, outWidth]
    internal static void ForwardPlane(ReadOnlySpan<float> plane, in MaxPool2DGeometry g, Span<float> outputs, Span<int> indices)
    {
        int fullRows = 0, fullColumns = 0;
        if (g.Pool == 2 && g.Stride == 2 && g.PadTop == 0 && g.PadLeft == 0)
        {
            (fullRows, fullColumns) = (Math.Min(g.InHeight / 2, g.OutHeight), Math.Min(g.InWidth / 2, g.OutWidth));
            MaxPool2DTwoByTwo.Forward(plane, g.InWidth, fullRows, fullColumns, g.OutWidth, outputs, indices, IsaSelector.Current);
        }

        for (var oy = 0; oy < g.OutHeight; oy++)
        {
            // Rows the short loop did keep their first fullColumns outputs.
            for (var ox = oy < fullRows ? fullColumns : 0; ox < g.OutWidth; ox++)
            {
                (outputs[(oy * g.OutWidth) + ox], indices[(oy * g.OutWidth) + ox]) = Pool(plane, g, oy, ox);
            }
        }
    }

    // The maximum of output (oy, ox)'s window and its index, scanning the window in row-major order.
    private static (float Max, int At) Pool(ReadOnlySpan<float> plane, in MaxPool2DGeometry g, int oy, int ox)
    {
        var (y0, y1) = Window(oy, g.Stride, g.Pool, g.PadTop, g.InHeight);
        var (x0, x1) = Window(ox, g.Stride, g.Pool, g.PadLeft, g.InWidth);
        var best = float.NegativeInfinity;
        var at = (y0 * g.InWidth) + x0;
        for (var iy = y0; iy < y1; iy++)
        {
            var row = plane.Slice(iy * g.InWidth, g.InWidth);
            for (var ix = x0; ix < x1; ix++)
            {
                var v = row[ix];
                if (v > best || float.IsNaN(v))
                {
                    best = v;
                    at = (iy * g.InWidth) + ix;
                }
            }
        }

        return (best, at);
    }

    /// <summary>dx[argmax] += dy for every output (overlapping windows add up).</summary>
    // dy, argmax: [planes, outHeight, outWidth]; dx: [planes, inHeight, inWidth]
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, in MaxPool2DGeometry g, int planes, Span<float> dx) =>
        Backward(dy, argmax, g, planes, dx, dxIsZero: false);

    /// <summary>
    /// As above; with <paramref name="dxIsZero"/> (nothing has added to dx yet) the planes are zeroed
    /// here first, while they are in the cache, so the step need not zero the whole gradient beforehand.
    /// </summary>
    // dy, argmax: [planes, outHeight, outWidth]; dx: [planes, inHeight, inWidth]
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, in MaxPool2DGeometry g, int planes, Span<float> dx, bool dxIsZero)
    {
        Check(dx.Length, dy.Length, argmax.Length, g, planes);
        if (dxIsZero)
        {
            dx[..(planes * g.InPlane)].Clear();
        }

        for (var p = 0; p < planes; p++)
        {
            var plane = dx.Slice(p * g.InPlane, g.InPlane);
            var gradients = dy.Slice(p * g.OutPlane, g.OutPlane);
            var indices = argmax.Slice(p * g.OutPlane, g.OutPlane);
            for (var o = 0; o < gradients.Length; o++)
            {
                plane[indices[o]] += gradients[o];
            }
        }
    }

    /// <summary>The input rows (or columns) [start, end) of output position o, clipped to the input.</summary>
    internal static (int Start, int End) Window(int o, int stride, int pool, int padBefore, int input)
    {
        var start = (o * stride) - padBefore;
        return (Math.Max(start, 0), Math.Min(start + pool, input));
    }

    /// <summary>Refuses tensors smaller than the pooling of <paramref name="planes"/> planes (MaxPool2DParallel checks with it too).</summary>
    internal static void Check(int xLength, int yLength, int argmaxLength, in MaxPool2DGeometry g, int planes)
    {
        if (planes < 0 || xLength < planes * g.InPlane || yLength < planes * g.OutPlane || argmaxLength < planes * g.OutPlane)
        {
            throw new ArgumentException($"input ({xLength}), output ({yLength}) or argmax ({argmaxLength}) smaller than {planes} planes of {g.InHeight}x{g.InWidth} -> {g.OutHeight}x{g.OutWidth}.");
        }
    }
}
