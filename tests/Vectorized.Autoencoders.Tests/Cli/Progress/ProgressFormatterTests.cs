using Vectorized.Autoencoders.Cli.Progress;

namespace Vectorized.Autoencoders.Tests.Cli.Progress;

public class ProgressFormatterTests
{
    [Fact]
    public void LineShowsEpochBarBatchLossRateAndTimeLeft()
    {
        // 2 full epochs + 500 batches of 32 in 100 s: 4250 batches, 1360 samples/s; 37500 - 4250 left.
        var s = new ProgressSnapshot(Epoch: 3, Epochs: 20, Batch: 500, BatchesPerEpoch: 1875, Loss: 0.09623, BatchSize: 32, ElapsedSeconds: 100);
        Assert.Equal(4250, s.BatchesDone);
        Assert.Equal(1360, s.SamplesPerSecond, 6);
        Assert.Equal((37500 - 4250) * (100.0 / 4250), s.SecondsLeft!.Value, 6);
        Assert.Equal(
            "shallow epoch  3/20 [#####---------------]  500/1875 loss 0.0962 | 1.36k samples/s | 13:03 left",
            ProgressFormatter.Format(s, "shallow"));
    }

    [Fact]
    public void BeforeTheFirstBatchNothingIsGuessed()
    {
        var line = ProgressFormatter.Format(new ProgressSnapshot(1, 3, 0, 1875, double.NaN, 32, 0));
        Assert.Equal("epoch 1/3 [--------------------]    0/1875 loss - | - samples/s | --:-- left", line);
    }

    [Theory]
    [InlineData(0.0, "[--------------------]")]
    [InlineData(0.5, "[##########----------]")]
    [InlineData(1.0, "[####################]")]
    [InlineData(7.0, "[####################]")]
    [InlineData(double.NaN, "[--------------------]")]
    public void BarHasFixedWidth(double fraction, string expected) => Assert.Equal(expected, ProgressFormatter.Bar(fraction));

    [Theory]
    [InlineData(950, "950")]
    [InlineData(41234, "41.2k")]
    [InlineData(1300000, "1.30M")]
    [InlineData(0, "-")]
    public void RateHasASuffix(double rate, string expected) => Assert.Equal(expected, ProgressFormatter.Rate(rate));

    [Theory]
    [InlineData(0.2, "0:01")]
    [InlineData(59, "0:59")]
    [InlineData(61, "1:01")]
    [InlineData(3725, "1:02:05")]
    [InlineData(-1, "--:--")]
    public void DurationIsMinutesAndSeconds(double seconds, string expected) => Assert.Equal(expected, ProgressFormatter.Duration(seconds));

    [Fact]
    public void EpochSummary()
    {
        Assert.Equal("deep epoch 3/3 done: loss 0.0935, 4.2 s", ProgressFormatter.EpochDone(3, 3, 0.09351, 4.213, "deep"));
    }
}
