using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Plotting;

namespace Vectorized.Autoencoders.Tests.Plotting;

public class DensityPlotTests
{
    [Fact]
    public void MarksBothMeansWithLabels()
    {
        var random = new Random(3);
        var standard = Enumerable.Range(0, 3200).Select(_ => (float)(random.NextDouble() * 13.2)).ToArray();
        var sparse = Enumerable.Range(0, 3200).Select(_ => (float)(random.NextDouble() * 1.554)).ToArray();
        var svg = DensityPlot.ToSvg("Code values on the test set", "code value", [("standard", standard), ("sparse", sparse)]);
        var doc = SvgAssert.Parse(svg);
        SvgAssert.HasTitleAndAxes(doc, "Code values on the test set", "code value", "density (fraction of values per unit)");
        Assert.Equal(["standard", "sparse"], SvgAssert.SeriesNames(doc));
        Assert.Equal(2, doc.Descendants(SvgAssert.Svg + "line").Count(l => SvgAssert.ClassOf(l) == "mean"));
        var labels = SvgAssert.TextsOfClass(doc, "mean-label");
        Assert.Equal(2, labels.Length);
        Assert.StartsWith("mean standard = ", labels[0]);
        Assert.StartsWith("mean sparse = ", labels[1]);
        var standardMean = double.Parse(labels[0]["mean standard = ".Length..], CultureInfo.InvariantCulture);
        Assert.InRange(standardMean, 6.4, 6.8);
    }

    [Property(MaxTest = 100)]
    public Property DensityIntegratesToOneAndMeanIsExact()
    {
        var values = Gen.Choose(-5000, 5000).Select(v => v / 100f).NonEmptyListOf().Select(l => l.ToArray());
        return Prop.ForAll(values.ToArbitrary(), Gen.Choose(1, 50).ToArbitrary(), (v, bins) =>
        {
            var min = v.Min() - 0.5;
            var max = v.Max() + 0.5;
            var (density, mean) = Histogram.Density(v, min, max, bins);
            var integral = density.Sum() * (max - min) / bins;
            return Math.Abs(integral - 1) < 1e-9 && Math.Abs(mean - v.Average(x => (double)x)) < 1e-9;
        });
    }

    [Fact]
    public void MaximumLandsInTheLastBin()
    {
        var (density, _) = Histogram.Density([0f, 1f], 0, 1, 4);
        Assert.True(density[0] > 0 && density[3] > 0 && density[1] == 0 && density[2] == 0);
    }

    [Theory]
    [InlineData(6.6012, "6.60")]
    [InlineData(0.7771, "0.777")]
    [InlineData(12.34, "12.3")]
    public void MeansPrintWithThreeSignificantDigits(double mean, string expected) => Assert.Equal(expected, DensityPlot.FormatMean(mean));
}
