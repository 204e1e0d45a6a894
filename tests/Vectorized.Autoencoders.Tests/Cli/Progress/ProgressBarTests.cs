using Vectorized.Autoencoders.Cli.Progress;

namespace Vectorized.Autoencoders.Tests.Cli.Progress;

public class ProgressBarTests
{
    private static ProgressSnapshot At(int batch, double seconds) => new(1, 2, batch, 100, 0.1, 32, seconds);

    [Fact]
    public void PlainModeWritesALineEveryIntervalOnly()
    {
        var time = 0.0;
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: false, () => time, plainIntervalSeconds: 5);
        for (var batch = 1; batch <= 100; batch++)
        {
            time = batch * 0.2; // 20 s in all: lines at 0.2, 5.2, 10.2, 15.2
            bar.Report(At(batch, time));
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.DoesNotContain('\r', output.ToString());
        Assert.All(lines, l => Assert.StartsWith("epoch 1/2 [", l));
    }

    [Fact]
    public void TerminalModeRedrawsOneLineInPlace()
    {
        var time = 0.0;
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: true, () => time) { Label = "deep" };
        bar.Report(At(1, time));
        time = 1;
        bar.Report(At(50, time));
        var text = output.ToString();
        Assert.DoesNotContain('\n', text);
        Assert.Equal(2, text.Count(c => c == '\r'));
        bar.EpochDone(1, 2, 0.1416, 3.2);
        Assert.EndsWith("deep epoch 1/2 done: loss 0.1416, 3.2 s" + new string(' ', "deep epoch 1/2 [##########----------]  50/100 loss 0.1000 | 1.60k samples/s | 0:03 left".Length - "deep epoch 1/2 done: loss 0.1416, 3.2 s".Length) + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void MessageClearsAHalfDrawnBar()
    {
        var output = new StringWriter();
        var bar = new ProgressBar(output, interactive: true, () => 0);
        bar.Report(At(1, 1));
        bar.Message("stopping after this batch");
        Assert.EndsWith("\rstopping after this batch" + Environment.NewLine, output.ToString());
    }
}
