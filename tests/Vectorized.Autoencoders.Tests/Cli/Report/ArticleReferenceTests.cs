using Vectorized.Autoencoders.Cli.Report;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

public class ArticleReferenceTests
{
    [Fact]
    public void FiveExperimentsWithTheArticlesEpochsThenTheTwoConvolutionalModels()
    {
        Assert.Equal(["deep", "shallow", "denoising", "standard", "sparse", "conv", "conv-denoising"], ArticleReference.Experiments.Select(e => e.Key));
        Assert.Equal([3, 5, 10, 20, 20, 22, 10], ArticleReference.Experiments.Select(e => e.Epochs));
        Assert.Equal([1, 2, 3], ArticleReference.Seeds);
        Assert.Equal(32, ArticleReference.BatchSize);
        Assert.Equal([32, 32, 32, 32, 32, 128, 128], ArticleReference.Experiments.Select(e => ArticleReference.BatchSizeOf(e.Key)));
    }

    [Fact]
    public void EveryTargetOfReferenceMdIsDeclared()
    {
        var targets = ArticleReference.Numbers.Where(n => n.HasTarget).Select(n => (n.Experiment, n.Metric, n.TargetText)).ToArray();
        Assert.Equal(
        [
            ("deep", Metric.TrainLoss, "≤ 0.0945"),
            ("deep", Metric.TestLoss, "≤ 0.0915"),
            ("shallow", Metric.TrainLoss, "≤ 0.0955"),
            ("denoising", Metric.TrainLoss, "≤ 0.1151"),
            ("standard", Metric.TestLoss, "≤ 0.0930"),
            ("standard", Metric.MeanCode, "5 to 8"),
            ("sparse", Metric.TestLoss, "≤ 0.1030"),
            ("sparse", Metric.MeanCode, "≤ 0.85"),
            ("conv", Metric.TestLoss, "≤ 0.0940"),
            ("conv-denoising", Metric.TestLoss, "≤ 0.0875"),
        ], targets);
    }

    [Fact]
    public void TrainLossNumbersNameAnEpochTheExperimentRuns()
    {
        foreach (var n in ArticleReference.Numbers.Where(n => n.Metric == Metric.TrainLoss))
        {
            Assert.InRange(n.Epoch!.Value, 1, ArticleReference.Experiment(n.Experiment).Epochs);
        }
    }

    [Theory]
    [InlineData(0.0945, true)]
    [InlineData(0.09451, false)]
    [InlineData(double.NaN, false)]
    public void AtMostTarget(double value, bool expected)
    {
        var n = new ReferenceNumber("deep", Metric.TrainLoss, 3, 0.0935, 0.0935, Max: 0.0945);
        Assert.Equal(expected, n.Meets(value));
        Assert.False(n.Meets(null));
    }

    [Theory]
    [InlineData(4.99, false)]
    [InlineData(5, true)]
    [InlineData(6.6, true)]
    [InlineData(8.01, false)]
    public void RangeTarget(double value, bool expected) =>
        Assert.Equal(expected, new ReferenceNumber("standard", Metric.MeanCode, null, 6.6, 6.59, Max: 8, Min: 5).Meets(value));
}
