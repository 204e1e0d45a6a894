using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.Plotting;

namespace Vectorized.Autoencoders.Tests.Plotting;

/// <summary>
/// Every figure with data that has no usable range: all values equal, NaN and infinities, a
/// range 1e-12 wide (a collapsed t-SNE map), no values at all. Each must draw readable,
/// distinct ticks, finite coordinates inside the page, and finish.
/// </summary>
public partial class DegenerateRangeTests
{
    public static TheoryData<string> Cases => new(Values.Keys);

    private static readonly Dictionary<string, float[]> Values = new()
    {
        ["all equal"] = [3.5f, 3.5f, 3.5f, 3.5f],
        ["all equal, far from zero"] = [1e30f, 1e30f, 1e30f],
        ["all zero"] = [0f, 0f, 0f],
        ["NaN and infinities"] = [1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2f],
        ["only NaN"] = [float.NaN, float.NaN],
        // The x values of a collapsed 200-point t-SNE map: 8e-13 wide.
        ["1e-12 wide"] = [-3.732388e-07f, -3.7323093e-07f, -3.7323500e-07f, -3.7323200e-07f],
        ["empty"] = [],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScatterSvgDrawsEveryFinitePointInsideThePage(string name)
    {
        var (points, labels) = Points(Values[name]);
        var doc = SvgAssert.Parse(ScatterPlot.ToSvg("map", "x", "y", points, labels));
        AssertReadable(doc);
        var circles = doc.Descendants(SvgAssert.Svg + "g").Single(g => SvgAssert.ClassOf(g) == "points").Elements(SvgAssert.Svg + "circle").ToList();
        Assert.Equal(Enumerable.Range(0, labels.Length).Count(i => float.IsFinite(points[2 * i]) && float.IsFinite(points[2 * i + 1])), circles.Count);
        foreach (var c in circles)
        {
            Assert.InRange(Number(c, "cx"), PlotFrame.Width * 0.05, PlotFrame.Width * 0.8);
            Assert.InRange(Number(c, "cy"), PlotFrame.Height * 0.05, PlotFrame.Height * 0.9);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ScatterRasterFinishesAndShowsEveryClass(string name)
    {
        var (points, labels) = Points(Values[name]);
        var image = Bounded(() => ScatterPlot.ToRaster("map", "x", "y", points, labels));
        var colors = new HashSet<Rgb>();
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            colors.Add(new Rgb(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            // Every class is in the legend, drawn or not.
            Assert.Contains(Palette.Color(labels[i]), colors);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LinePlotKeepsFinitePointsInsideThePage(string name)
    {
        var y = Values[name].Select(v => (double)v).ToArray();
        var flatX = y.Select(_ => 7.0).ToArray();
        var doc = SvgAssert.Parse(LinePlot.ToSvg("loss", "epoch", "loss", [LineSeries.PerEpoch("a", y), new LineSeries("flat x", flatX, y)]));
        AssertReadable(doc);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DensityPlotBinsWhatIsFinite(string name)
    {
        var values = Values[name];
        var doc = SvgAssert.Parse(DensityPlot.ToSvg("codes", "code value", [("a", values), ("b", [.. values.Reverse()])]));
        AssertReadable(doc);
        var finite = values.Where(float.IsFinite).ToArray();
        Assert.Equal(finite.Length > 0 ? 2 : 0, doc.Descendants(SvgAssert.Svg + "line").Count(l => SvgAssert.ClassOf(l) == "mean"));
    }

    [Fact]
    public void HistogramOfA1e12WideRangeIntegratesToOne()
    {
        var values = Values["1e-12 wide"];
        double min = values.Min(), max = values.Max();
        var (density, mean) = Histogram.Density(values, min, max, 60);
        Assert.Equal(1, density.Sum() * (max - min) / 60, 1e-9);
        Assert.Equal(values.Average(v => (double)v), mean, 1e-18);
    }

    [Theory]
    [InlineData(0.25f, 0.25f)]
    [InlineData(0f, 1e-12f)]
    [InlineData(0f, 1e-45f)] // the smallest float step: no finite 1 / range
    [InlineData(1f, float.NaN)]
    [InlineData(-1f, float.PositiveInfinity)]
    public void FilterImagesStayInTheUnitRange(float a, float b)
    {
        float[] weights = [a, b, a, b, a, a];
        var normalized = FilterImages.Normalize(weights, 1, weights.Length, 0, 1);
        Assert.All(normalized, v => Assert.InRange(v, 0f, 1f));
        if (a != b && float.IsFinite(b))
        {
            Assert.Equal(a < b ? [0f, 1f, 0f, 1f, 0f, 0f] : new[] { 1f, 0f, 1f, 0f, 1f, 1f }, normalized);
        }
    }

    // Scatter points on a diagonal of the values, one class each, so the legend shows them all.
    private static (float[] Points, byte[] Labels) Points(float[] values)
    {
        var points = new float[2 * values.Length];
        var labels = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            points[2 * i] = values[i];
            points[2 * i + 1] = values[values.Length - 1 - i];
            labels[i] = (byte)i;
        }

        return (points, labels);
    }

    /// <summary>No NaN or infinite coordinate anywhere; at least two tick labels per axis, all different.</summary>
    private static void AssertReadable(XDocument doc)
    {
        foreach (var attribute in doc.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "x" or "y" or "x1" or "x2" or "y1" or "y2" or "cx" or "cy" or "points"))
        {
            foreach (Match m in NumberPattern().Matches(attribute.Value))
            {
                Assert.True(double.IsFinite(double.Parse(m.Value, CultureInfo.InvariantCulture)), $"{attribute.Name}={attribute.Value}");
            }

            Assert.DoesNotContain("NaN", attribute.Value, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", attribute.Value, StringComparison.Ordinal);
        }

        foreach (var axis in new[] { "x-axis", "y-axis" })
        {
            var ticks = SvgAssert.GroupTexts(doc, axis).SkipLast(1).ToArray(); // the last text is the axis label
            Assert.True(ticks.Length >= 2, $"{axis}: {string.Join(" ", ticks)}");
            Assert.Equal(ticks.Length, ticks.Distinct().Count());
        }
    }

    private static double Number(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>A hang guard, not a timing: today's failure mode was an endless loop, which should fail the test rather than stall the suite.</summary>
    private static T Bounded<T>(Func<T> draw)
    {
        var task = Task.Run(draw);
        Assert.True(task.Wait(TimeSpan.FromMinutes(2)), "drawing did not finish");
        return task.Result;
    }

    [GeneratedRegex(@"-?[0-9][0-9.eE+\-]*")]
    private static partial Regex NumberPattern();
}
