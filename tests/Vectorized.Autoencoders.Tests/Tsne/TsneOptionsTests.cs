using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class TsneOptionsTests
{
    [Fact]
    public void DefaultsAreTheScheduleTheImplementationsAgreeOn()
    {
        var options = new TsneOptions();
        Assert.Equal(30.0, options.Perplexity);
        Assert.Equal(1000, options.Iterations);
        Assert.Equal(0.5f, options.Theta);
        Assert.Equal(12f, options.EarlyExaggeration);
        Assert.Equal(250, options.EffectiveExaggerationIterations);
        Assert.Null(options.ExaggerationIterations);
        Assert.Equal(0.5f, options.InitialMomentum);
        Assert.Equal(0.8f, options.FinalMomentum);
        Assert.Equal(0.2f, TsneOptions.DefaultGainIncrease);
        Assert.Equal(0.8f, TsneOptions.DefaultGainDecay);
        Assert.Equal(0.01f, TsneOptions.DefaultMinGain);
        Assert.Equal(1e-4f, TsneOptions.DefaultInitialStandardDeviation);
        Assert.Equal(TsneInitialization.Pca, options.Initialization);
        Assert.Null(options.LearningRate);
    }

    [Theory]
    [InlineData(1000, 250)]
    [InlineData(5000, 250)]
    [InlineData(400, 100)]
    [InlineData(100, 25)]
    [InlineData(3, 0)]
    [InlineData(0, 0)]
    public void ShortRunsExaggerateForAQuarterOfTheirIterations(int iterations, int expected)
    {
        Assert.Equal(expected, new TsneOptions { Iterations = iterations }.EffectiveExaggerationIterations);
        Assert.Equal(60, new TsneOptions { Iterations = iterations, ExaggerationIterations = 60 }.EffectiveExaggerationIterations);
    }

    [Fact]
    public void NeighbourCountIsScikitLearns()
    {
        var options = new TsneOptions();
        // int(3 * 30 + 1) = 91, capped at n - 1.
        Assert.Equal(91, options.NeighborCount(10_000));
        Assert.Equal(49, options.NeighborCount(50));
    }

    [Theory]
    [InlineData(10_000, 10_000f / 12f)]
    [InlineData(70_000, 70_000f / 12f)]
    [InlineData(300, 50f)]
    public void AutoLearningRateIsMaxOfNOver12And50(int n, float expected)
    {
        Assert.Equal(expected, new TsneOptions().EffectiveLearningRate(n));
        Assert.Equal(7f, new TsneOptions { LearningRate = 7f }.EffectiveLearningRate(n));
    }

    [Fact]
    public void InvalidSettingsAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new TsneOptions { Perplexity = 0 }.Validate(100));
        Assert.Throws<ArgumentException>(() => new TsneOptions { Perplexity = 100 }.Validate(100));
        Assert.Throws<ArgumentException>(() => new TsneOptions { Theta = -1 }.Validate(100));
        Assert.Throws<ArgumentException>(() => new TsneOptions { Threads = 0 }.Validate(100));
        Assert.Throws<ArgumentException>(() => new TsneOptions().Validate(1));
    }
}
