namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// Several named series as lines with point markers on shared axes, with a legend: the loss
/// history figure (train loss per epoch, standard vs sparse).
/// </summary>
public static class LinePlot
{
    /// <summary>Renders the plot as an SVG document.</summary>
    public static string ToSvg(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            throw new ArgumentException("A line plot needs at least one series.", nameof(series));
        }

        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        foreach (var s in series)
        {
            if (s.X.Length != s.Y.Length)
            {
                throw new ArgumentException($"Series '{s.Name}' has {s.X.Length} x values but {s.Y.Length} y values.", nameof(series));
            }

            for (var i = 0; i < s.X.Length; i++)
            {
                // Non-finite points (a diverged run) are left out of the axes and the line rather than breaking the figure.
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                {
                    xMin = Math.Min(xMin, s.X[i]);
                    xMax = Math.Max(xMax, s.X[i]);
                    yMin = Math.Min(yMin, s.Y[i]);
                    yMax = Math.Max(yMax, s.Y[i]);
                }
            }
        }

        if (!double.IsFinite(xMin))
        {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }

        var frame = new PlotFrame(title, xLabel, yLabel, xMin, xMax, yMin, yMax);
        frame.Begin();
        var legend = new List<(string, string)>();
        for (var k = 0; k < series.Count; k++)
        {
            var s = series[k];
            var color = Palette.Color(k).ToHex();
            var points = new List<(double X, double Y)>();
            for (var i = 0; i < s.X.Length; i++)
            {
                if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i]))
                {
                    points.Add((frame.MapX(s.X[i]), frame.MapY(s.Y[i])));
                }
            }

            frame.Svg.Polyline(points, color, 2.5, s.Name);
            foreach (var (x, y) in points)
            {
                frame.Svg.Circle(x, y, 3.5, color);
            }

            legend.Add((s.Name, color));
        }

        frame.Legend(legend);
        return frame.ToString();
    }
}
