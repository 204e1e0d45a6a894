namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Forward and backward of nearest-neighbour up-sampling by integer factors over independent planes
/// (llm.c style: backward ACCUMULATES into dx). Output pixel (oy, ox) copies input (oy / fy, ox / fx),
/// Keras' UpSampling2D and PyTorch's Upsample(mode='nearest') for integer scale factors.
/// </summary>
internal static class UpSampling2D
{
    /// <summary>Each input row is widened once, then copied to the fy output rows it covers.</summary>
    // x: [planes, height, width]; y: [planes, height * fy, width * fx]
    public static void Forward(ReadOnlySpan<float> x, int planes, int height, int width, int fy, int fx, Span<float> y)
    {
        Check(x.Length, y.Length, planes, height, width, fy, fx);
        var outWidth = width * fx;
        for (var r = 0; r < planes * height; r++)
        {
            var src = x.Slice(r * width, width);
            var first = y.Slice(r * fy * outWidth, outWidth);
            for (var ix = 0; ix < width; ix++)
            {
                first.Slice(ix * fx, fx).Fill(src[ix]);
            }

            for (var k = 1; k < fy; k++)
            {
                first.CopyTo(y.Slice(((r * fy) + k) * outWidth, outWidth));
            }
        }
    }

    /// <summary>dx[i] += the sum of the fy x fx output gradients that copied input i, row by row of the block.</summary>
    // dy: [planes, height * fy, width * fx]; dx: [planes, height, width]
    public static void Backward(ReadOnlySpan<float> dy, int planes, int height, int width, int fy, int fx, Span<float> dx)
    {
        Check(dx.Length, dy.Length, planes, height, width, fy, fx);
        var outWidth = width * fx;
        for (var r = 0; r < planes * height; r++)
        {
            var block = dy.Slice(r * fy * outWidth, fy * outWidth);
            var dst = dx.Slice(r * width, width);
            for (var ix = 0; ix < width; ix++)
            {
                var s = 0f;
                for (var k = 0; k < fy; k++)
                {
                    var run = block.Slice((k * outWidth) + (ix * fx), fx);
                    for (var j = 0; j < fx; j++)
                    {
                        s += run[j];
                    }
                }

                dst[ix] += s;
            }
        }
    }

    private static void Check(int xLength, int yLength, int planes, int height, int width, int fy, int fx)
    {
        if (planes < 0 || height < 1 || width < 1 || fy < 1 || fx < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(planes), $"up-sampling sizes must be positive ({planes} planes of {height}x{width}, factors {fy}x{fx}).");
        }

        if (xLength < planes * height * width || yLength < planes * height * fy * width * fx)
        {
            throw new ArgumentException($"input ({xLength}) or output ({yLength}) smaller than {planes} planes of {height}x{width} -> {height * fy}x{width * fx}.");
        }
    }
}
