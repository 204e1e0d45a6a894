namespace Vectorized.Autoencoders.Plotting;

/// <summary>Binning for <see cref="DensityPlot"/>.</summary>
public static class Histogram
{
    /// <summary>
    /// Density per bin over [<paramref name="min"/>, <paramref name="max"/>] in <paramref name="bins"/> equal bins
    /// (count / (n * bin width), so the bars integrate to 1), and the mean of the finite values.
    /// The maximum falls in the last bin; values outside the range and non-finite values are not counted.
    /// </summary>
    public static (double[] Density, double Mean) Density(ReadOnlySpan<float> values, double min, double max, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (!(max > min))
        {
            throw new ArgumentException($"Empty histogram range [{min}, {max}].");
        }

        var counts = new long[bins];
        var width = (max - min) / bins;
        long n = 0;
        double sum = 0;
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            sum += v;
            n++;
            if (v < min || v > max)
            {
                continue;
            }

            var b = Math.Min(bins - 1, (int)((v - min) / width));
            counts[b]++;
        }

        var density = new double[bins];
        if (n > 0)
        {
            for (var b = 0; b < bins; b++)
            {
                density[b] = counts[b] / (n * width);
            }
        }

        return (density, n > 0 ? sum / n : double.NaN);
    }
}
