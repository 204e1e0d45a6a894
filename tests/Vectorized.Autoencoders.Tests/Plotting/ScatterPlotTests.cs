using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.Plotting;
using Vectorized.Autoencoders.Tests.Imaging;

namespace Vectorized.Autoencoders.Tests.Plotting;

public class ScatterPlotTests
{
    private static (float[] Points, byte[] Labels) Clusters(int n)
    {
        var random = new Random(11);
        var points = new float[2 * n];
        var labels = new byte[n];
        for (var i = 0; i < n; i++)
        {
            labels[i] = (byte)(i % 10);
            points[2 * i] = (float)(Math.Cos(labels[i]) * 30 + random.NextDouble());
            points[2 * i + 1] = (float)(Math.Sin(labels[i]) * 30 + random.NextDouble());
        }

        return (points, labels);
    }

    [Fact]
    public void SvgHasOnePointPerSampleAndALegendPerClass()
    {
        var (points, labels) = Clusters(500);
        var doc = SvgAssert.Parse(ScatterPlot.ToSvg("t-SNE of the codes", "t-SNE 1", "t-SNE 2", points, labels));
        SvgAssert.HasTitleAndAxes(doc, "t-SNE of the codes", "t-SNE 1", "t-SNE 2");
        var group = doc.Descendants(SvgAssert.Svg + "g").Single(g => SvgAssert.ClassOf(g) == "points");
        Assert.Equal(500, group.Elements(SvgAssert.Svg + "circle").Count());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), SvgAssert.GroupTexts(doc, "legend"));
        // Each class has its own colour.
        Assert.Equal(10, group.Elements(SvgAssert.Svg + "circle").Select(c => (string)c.Attribute("fill")!).Distinct().Count());
    }

    [Fact]
    public void RasterShowsEveryClassColourAndPassesPngcheck()
    {
        var (points, labels) = Clusters(2000);
        var image = ScatterPlot.ToRaster("t-SNE of the codes", "t-SNE 1", "t-SNE 2", points, labels);
        var colors = new HashSet<Rgb>();
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            colors.Add(new Rgb(image.Pixels[i], image.Pixels[i + 1], image.Pixels[i + 2]));
        }

        for (var c = 0; c < 10; c++)
        {
            Assert.Contains(Palette.Color(c), colors);
        }

        var path = Path.Combine(Path.GetTempPath(), $"vecae-scatter-{Environment.ProcessId}.png");
        try
        {
            image.SavePng(path);
            var (code, output) = ExternalTool.Run("pngcheck", path);
            Assert.True(code == 0, output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MismatchedLengthsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => ScatterPlot.ToSvg("t", "x", "y", new float[5], new byte[2]));
    }
}
