using System.Globalization;
using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// Points in 2-D coloured by class (0..9 for MNIST digits), with a legend: the t-SNE map of
/// the codes. <see cref="ToSvg"/> for the report; <see cref="ToRaster"/> for a PNG, which
/// stays small and fast to open with tens of thousands of points.
/// </summary>
public static class ScatterPlot
{
    /// <summary>Renders the points as an SVG document.</summary>
    /// <param name="points">points: [n, 2], (x, y) pairs.</param>
    /// <param name="labels">labels: [n], class of each point; <paramref name="classNames"/>[label] names it in the legend.</param>
    public static string ToSvg(string title, string xLabel, string yLabel, ReadOnlySpan<float> points, ReadOnlySpan<byte> labels, IReadOnlyList<string>? classNames = null)
    {
        var (xMin, xMax, yMin, yMax, classes) = Bounds(points, labels);
        var frame = new PlotFrame(title, xLabel, yLabel, xMin, xMax, yMin, yMax);
        frame.Begin();
        frame.Svg.OpenGroup("points");
        for (var i = 0; i < labels.Length; i++)
        {
            float x = points[2 * i], y = points[2 * i + 1];
            if (float.IsFinite(x) && float.IsFinite(y))
            {
                frame.Svg.Circle(frame.MapX(x), frame.MapY(y), 1.8, Palette.Color(labels[i]).ToHex(), 0.7);
            }
        }

        frame.Svg.CloseGroup();
        frame.Legend(LegendEntries(classes, classNames).Select(e => (e.Name, e.Color.ToHex())).ToList(), dots: true);
        return frame.ToString();
    }

    /// <summary>Renders the points as an RGB raster with title, axes, tick values and legend in a built-in pixel font.</summary>
    /// <param name="points">points: [n, 2], (x, y) pairs.</param>
    /// <param name="labels">labels: [n], class of each point.</param>
    public static Raster ToRaster(string title, string xLabel, string yLabel, ReadOnlySpan<float> points, ReadOnlySpan<byte> labels, IReadOnlyList<string>? classNames = null, int width = 900, int height = 720)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 300);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 200);
        var (xMin, xMax, yMin, yMax, classes) = Bounds(points, labels);
        var xTicks = NiceTicks.Compute(xMin, xMax);
        var yTicks = NiceTicks.Compute(yMin, yMax);
        const int left = 70, right = 130, top = 50, bottom = 60;
        var plotRight = width - right;
        var plotBottom = height - bottom;
        double MapX(double v) => left + (v - xTicks[0]) / (xTicks[^1] - xTicks[0]) * (plotRight - left);
        double MapY(double v) => plotBottom - (v - yTicks[0]) / (yTicks[^1] - yTicks[0]) * (plotBottom - top);

        var image = new Raster(width, height, 3, fill: 255);
        var ink = Rgb.Gray(40);
        var grid = Rgb.Gray(230);
        var xStep = xTicks.Length > 1 ? xTicks[1] - xTicks[0] : 1;
        var yStep = yTicks.Length > 1 ? yTicks[1] - yTicks[0] : 1;
        foreach (var t in xTicks)
        {
            var x = (int)Math.Round(MapX(t));
            image.FillRectangle(x, top, 1, plotBottom - top, grid);
            image.FillRectangle(x, plotBottom, 1, 5, ink);
            var text = NiceTicks.Format(t, xStep);
            BitmapFont.Draw(image, x - BitmapFont.Measure(text) / 2, plotBottom + 9, text, ink);
        }

        foreach (var t in yTicks)
        {
            var y = (int)Math.Round(MapY(t));
            image.FillRectangle(left, y, plotRight - left, 1, grid);
            image.FillRectangle(left - 5, y, 5, 1, ink);
            var text = NiceTicks.Format(t, yStep);
            BitmapFont.Draw(image, left - 8 - BitmapFont.Measure(text), y - 3, text, ink);
        }

        for (var i = 0; i < labels.Length; i++)
        {
            float x = points[2 * i], y = points[2 * i + 1];
            if (float.IsFinite(x) && float.IsFinite(y))
            {
                image.FillCircle(MapX(x), MapY(y), 1.6, Palette.Color(labels[i]));
            }
        }

        // Axes last, so points at the edge do not hide them.
        image.FillRectangle(left, top, 1, plotBottom - top + 1, ink);
        image.FillRectangle(left, plotBottom, plotRight - left + 1, 1, ink);

        BitmapFont.Draw(image, (width - BitmapFont.Measure(title, 2)) / 2, 16, title, ink, 2);
        BitmapFont.Draw(image, (left + plotRight - BitmapFont.Measure(xLabel)) / 2, height - 22, xLabel, ink);
        // No rotated text in the pixel font: the y label sits above the axis instead.
        BitmapFont.Draw(image, 8, top - 14, yLabel, ink);

        var ly = top + 6;
        foreach (var (name, color) in LegendEntries(classes, classNames))
        {
            image.FillCircle(plotRight + 24, ly + 3.5, 4.5, color);
            BitmapFont.Draw(image, plotRight + 36, ly, name, ink);
            ly += 18;
        }

        return image;
    }

    private static (double XMin, double XMax, double YMin, double YMax, SortedSet<byte> Classes) Bounds(ReadOnlySpan<float> points, ReadOnlySpan<byte> labels)
    {
        if (points.Length != 2 * labels.Length)
        {
            throw new ArgumentException($"points holds {points.Length} values; expected 2 per label ({2 * labels.Length}).");
        }

        double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity;
        double yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
        var classes = new SortedSet<byte>();
        for (var i = 0; i < labels.Length; i++)
        {
            float x = points[2 * i], y = points[2 * i + 1];
            if (float.IsFinite(x) && float.IsFinite(y))
            {
                xMin = Math.Min(xMin, x);
                xMax = Math.Max(xMax, x);
                yMin = Math.Min(yMin, y);
                yMax = Math.Max(yMax, y);
            }

            classes.Add(labels[i]);
        }

        if (!double.IsFinite(xMin))
        {
            (xMin, xMax, yMin, yMax) = (0, 1, 0, 1);
        }

        return (xMin, xMax, yMin, yMax, classes);
    }

    private static IEnumerable<(string Name, Rgb Color)> LegendEntries(SortedSet<byte> classes, IReadOnlyList<string>? classNames)
    {
        foreach (var c in classes)
        {
            var name = classNames is not null && c < classNames.Count ? classNames[c] : c.ToString(CultureInfo.InvariantCulture);
            yield return (name, Palette.Color(c));
        }
    }
}
