using System.Text.Json;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

public class JsonResultsWriterTests
{
    [Fact]
    public void ResultsParseAndCarryEveryTarget()
    {
        var progress = new ProgressBar(TextWriter.Null, false, () => 0);
        var summary = ReproducePipeline.Run(new FakeEngine(), new ReproduceSettings { Seeds = [1, 2] }, progress, CancellationToken.None);
        using var doc = JsonDocument.Parse(JsonResultsWriter.Render(summary));
        var root = doc.RootElement;
        Assert.False(root.GetProperty("quick").GetBoolean());
        var experiments = root.GetProperty("experiments");
        Assert.Equal(7, experiments.GetArrayLength());
        var deep = experiments[0];
        Assert.Equal("deep", deep.GetProperty("key").GetString());
        Assert.Equal(2, deep.GetProperty("train_loss").GetArrayLength());
        Assert.Equal(3, deep.GetProperty("train_loss")[0].GetArrayLength());
        var targets = root.GetProperty("targets");
        Assert.Equal(10, targets.GetArrayLength());
        var meanCode = targets.EnumerateArray().Single(t => t.GetProperty("number").GetString() == "mean code value (test set)" && t.GetProperty("experiment").GetString() == "standard");
        Assert.Equal(5, meanCode.GetProperty("min").GetDouble());
        Assert.Equal(8, meanCode.GetProperty("max").GetDouble());
        Assert.Equal(JsonValueKind.Null, targets[1].GetProperty("article").ValueKind); // deep test loss: not printed in the article
        Assert.Equal(0.9, root.GetProperty("tsne").GetProperty("knn_accuracy").GetDouble());
    }
}
