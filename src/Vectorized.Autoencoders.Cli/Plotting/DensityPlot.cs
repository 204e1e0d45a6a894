using System.Globalization;

namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// The distribution of many values per series as a density histogram (bar heights integrate
/// to 1, so series of different sizes compare), drawn as outlined, lightly filled steps, with
/// each series' mean marked by a dashed vertical line and labelled: the code-value figure
/// (standard vs sparse autoencoder).
/// </summary>
public static class DensityPlot
{
    /// <summary>Renders the plot as an SVG document; all series share one set of <paramref name="bins"/> bins.</summary>
    public static string ToSvg(string title, string xLabel, IReadOnlyList<(string Name, float[] Values)> series, int bins = 60)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (series.Count == 0)
        {
            throw new ArgumentException("A density plot needs at least one series.", nameof(series));
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var (_, values) in series)
        {
            foreach (var v in values)
            {
                if (float.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }
        }

        if (!double.IsFinite(min))
        {
            min = 0;
            max = 1;
        }

        if (max == min)
        {
            // One value: bins of a unit-sized (or, far from zero, a 10%) range, as min + 1 may round back to min.
            max = min + Math.Max(1, Math.Abs(min) * 0.1);
        }

        var densities = new List<double[]>();
        var means = new List<double>();
        var width = (max - min) / bins;
        var yMax = 0.0;
        foreach (var (_, values) in series)
        {
            var (density, mean) = Histogram.Density(values, min, max, bins);
            densities.Add(density);
            means.Add(mean);
            foreach (var d in density)
            {
                yMax = Math.Max(yMax, d);
            }
        }

        var frame = new PlotFrame(title, xLabel, "density (fraction of values per unit)", min, max, 0, yMax);
        frame.Begin();
        var legend = new List<(string, string)>();
        for (var k = 0; k < series.Count; k++)
        {
            var color = Palette.Color(k).ToHex();
            var name = series[k].Name;

            // Steps: along each bin's top, down to the baseline at both ends so the fill closes.
            var points = new List<(double X, double Y)> { (frame.MapX(min), frame.MapY(0)) };
            for (var b = 0; b < bins; b++)
            {
                var top = frame.MapY(densities[k][b]);
                points.Add((frame.MapX(min + b * width), top));
                points.Add((frame.MapX(min + (b + 1) * width), top));
            }

            points.Add((frame.MapX(max), frame.MapY(0)));
            frame.Svg.Polyline(points, color, 1.5, name, color, 0.25);
            legend.Add((name, color));
        }

        frame.Svg.OpenGroup("means");
        for (var k = 0; k < series.Count; k++)
        {
            if (!double.IsFinite(means[k]))
            {
                continue;
            }

            var color = Palette.Color(k).ToHex();
            var x = frame.MapX(means[k]);
            var label = $"mean {series[k].Name} = {FormatMean(means[k])}";
            frame.Svg.Line(x, frame.PlotTop, x, frame.PlotBottom, color, 2, "6 4", "mean");
            // Labels stack down the plot so two close means stay readable.
            frame.Svg.Text(x + 5, frame.PlotTop + 16 + 18 * k, label, "start", 12, "mean-label", fill: color);
        }

        frame.Svg.CloseGroup();
        frame.Legend(legend);
        return frame.ToString();
    }

    /// <summary>Three significant digits: 6.60, 0.777.</summary>
    public static string FormatMean(double mean)
    {
        var abs = Math.Abs(mean);
        var decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
        return mean.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
