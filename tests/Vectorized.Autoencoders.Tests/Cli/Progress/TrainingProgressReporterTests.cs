using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Cli.Progress;

public class TrainingProgressReporterTests
{
    [Fact]
    public void EpochEndsBecomeSummaryLinesAndTimeAddsUpAcrossEpochs()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: false, () => 0, plainIntervalSeconds: 0);
        var reporter = new TrainingProgressReporter(bar, batchSize: 32);
        reporter.Report(new TrainingProgress(1, 2, 50, 100, 0.2, TimeSpan.FromSeconds(1)));
        reporter.Report(new TrainingProgress(1, 2, 100, 100, 0.15, TimeSpan.FromSeconds(2)));
        reporter.Report(new TrainingProgress(2, 2, 50, 100, 0.1, TimeSpan.FromSeconds(1)));
        var lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("epoch 1/2 [##########----------]  50/100 loss 0.2000 | 1.60k samples/s", lines[0]);
        Assert.Equal("epoch 1/2 done: loss 0.1500, 2.0 s", lines[1]);
        // 150 batches of 32 in 2 + 1 seconds: 1.60k samples/s; 50 batches left at 1/50 s each.
        Assert.Equal("epoch 2/2 [##########----------]  50/100 loss 0.1000 | 1.60k samples/s | 0:01 left", lines[2]);
    }
}
