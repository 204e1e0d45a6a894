namespace Vectorized.Autoencoders.Plotting;

/// <summary>One named line of a <see cref="LinePlot"/>: points (X[i], Y[i]).</summary>
public sealed record LineSeries(string Name, double[] X, double[] Y)
{
    /// <summary>A series over 1, 2, 3, ...: e.g. a loss per epoch.</summary>
    public static LineSeries PerEpoch(string name, IReadOnlyList<double> values)
    {
        var x = new double[values.Count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i + 1;
        }

        return new LineSeries(name, x, [.. values]);
    }
}
