namespace Vectorized.Autoencoders.Losses;

/// <summary>Squared error against the layer's output; the caller divides the sum by the count.</summary>
public static class MeanSquaredError
{
    /// <summary>Returns the sum of (y - t)^2 and ACCUMULATES dy += scale * 2 (y - t).</summary>
    // y: [n], t: [n], dy: [n]
    public static double ForwardBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> t, float scale, Span<float> dy)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var d = y[i] - t[i];
            sum += d * d;
            dy[i] += scale * 2f * d;
        }

        return sum;
    }

    // y: [n], t: [n]
    public static double Sum(ReadOnlySpan<float> y, ReadOnlySpan<float> t)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var d = y[i] - t[i];
            sum += d * d;
        }

        return sum;
    }
}
