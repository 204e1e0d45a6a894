namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The naive up-sampling <see cref="UpSampling2D"/> must agree with: one output pixel at a time,
/// and the backward pass scattering each output gradient onto its source pixel. A test oracle.
/// </summary>
internal static class UpSampling2DReference
{
    // x: [planes, height, width]; y: [planes, height * fy, width * fx]
    public static void Forward(ReadOnlySpan<float> x, int planes, int height, int width, int fy, int fx, Span<float> y)
    {
        var (oh, ow) = (height * fy, width * fx);
        for (var p = 0; p < planes; p++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    y[(((p * oh) + oy) * ow) + ox] = x[(((p * height) + (oy / fy)) * width) + (ox / fx)];
                }
            }
        }
    }

    // dy: [planes, height * fy, width * fx]; dx: [planes, height, width] +=
    public static void Backward(ReadOnlySpan<float> dy, int planes, int height, int width, int fy, int fx, Span<float> dx)
    {
        var (oh, ow) = (height * fy, width * fx);
        for (var p = 0; p < planes; p++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    dx[(((p * height) + (oy / fy)) * width) + (ox / fx)] += dy[(((p * oh) + oy) * ow) + ox];
                }
            }
        }
    }
}
