using System.Globalization;
using Vectorized.Autoencoders.Plotting;

namespace Vectorized.Autoencoders.Tests.Plotting;

public class LinePlotTests
{
    private static readonly double[] s_standard = [0.1624, 0.1041, 0.0962, 0.0949, 0.0944];
    private static readonly double[] s_sparse = [0.17, 0.12, 0.11, 0.105, 0.1032];

    [Fact]
    public void HasTitleAxesSeriesAndLegend()
    {
        var svg = LinePlot.ToSvg("Training loss per epoch", "epoch", "binary cross-entropy",
            [LineSeries.PerEpoch("standard", s_standard), LineSeries.PerEpoch("sparse (L1 1e-5)", s_sparse)]);
        var doc = SvgAssert.Parse(svg);
        SvgAssert.HasTitleAndAxes(doc, "Training loss per epoch", "epoch", "binary cross-entropy");
        Assert.Equal(["standard", "sparse (L1 1e-5)"], SvgAssert.SeriesNames(doc));
        Assert.Equal(["standard", "sparse (L1 1e-5)"], SvgAssert.GroupTexts(doc, "legend"));
    }

    [Fact]
    public void PointsAreInsideThePlotAreaAndOrderedByX()
    {
        var svg = LinePlot.ToSvg("t", "x", "y", [LineSeries.PerEpoch("a", s_standard)]);
        var doc = SvgAssert.Parse(svg);
        var line = doc.Descendants(SvgAssert.Svg + "polyline").Single();
        var points = ((string)line.Attribute("points")!).Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        Assert.Equal(5, points.Length);
        for (var i = 1; i < points.Length; i++)
        {
            Assert.True(points[i][0] > points[i - 1][0]);
        }

        // Loss falls, so each point is lower on the page than... higher y pixel means lower value.
        Assert.True(points[0][1] < points[^1][1]);
        Assert.All(points, p => Assert.InRange(p[0], 0, 760));
    }

    [Fact]
    public void NamesAreEscapedAndNonFiniteValuesDropped()
    {
        var svg = LinePlot.ToSvg("a <b> & \"c\"", "x", "y", [new LineSeries("x<y & z", [1, 2, 3], [1, double.NaN, 2])]);
        var doc = SvgAssert.Parse(svg);
        Assert.Equal("a <b> & \"c\"", SvgAssert.TextsOfClass(doc, "title").Single());
        Assert.Equal(["x<y & z"], SvgAssert.SeriesNames(doc));
        var points = (string)doc.Descendants(SvgAssert.Svg + "polyline").Single().Attribute("points")!;
        Assert.Equal(2, points.Split(' ').Length);
    }

    [Fact]
    public void MismatchedSeriesIsRejected()
    {
        Assert.Throws<ArgumentException>(() => LinePlot.ToSvg("t", "x", "y", [new LineSeries("a", [1, 2], [1])]));
    }
}
