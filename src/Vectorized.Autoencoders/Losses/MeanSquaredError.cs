using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Losses;

/// <summary>Squared error against the layer's output; the caller divides the sum by the count.</summary>
public static class MeanSquaredError
{
    /// <summary>Returns the sum of (y - t)^2 and ACCUMULATES dy += scale * 2 (y - t).</summary>
    // y: [n], t: [n], dy: [n]
    public static double ForwardBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> t, float scale, Span<float> dy)
    {
        SquaredErrorKernel.AddGradient(y, t, scale * 2f, dy);
        return OrderedSums.SquaredDistance(y, t);
    }

    /// <summary>The sum of (y - t)^2.</summary>
    // y: [n], t: [n]
    public static double Sum(ReadOnlySpan<float> y, ReadOnlySpan<float> t) => OrderedSums.SquaredDistance(y, t);
}
