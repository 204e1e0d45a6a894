using System.Xml.Linq;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Tests.Imaging;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

/// <summary>The report's variational-autoencoder section, with fake engines: what is trained, the target, the figures.</summary>
public class VariationalExperimentTests
{
    private static (RunSummary Summary, FakeVariationalEngine Engine, string Log) Run(ReproduceSettings settings, double finalTestLoss = 104.0)
    {
        var engine = new FakeVariationalEngine(finalTestLoss);
        var log = new StringWriter();
        var progress = new ProgressBar(log, interactive: false, () => 0);
        var summary = ReproducePipeline.Run(new FakeEngine(), settings, progress, CancellationToken.None, engine);
        return (summary, engine, log.ToString());
    }

    [Fact]
    public void EverySeedTrainsTheLatent20ModelForTenEpochsThenTheFirstSeedALatent2Model()
    {
        var (summary, engine, log) = Run(new ReproduceSettings());
        Assert.Equal([(1, 20, 10), (2, 20, 10), (3, 20, 10), (1, 2, 10)], engine.Calls);
        var vae = summary.Experiments[^1];
        Assert.Equal("vae", vae.Spec.Key);
        Assert.Equal(8, summary.Experiments.Count); // the article's five, the two convolutional models, then the VAE
        Assert.Equal([1, 2, 3], vae.Seeds);
        Assert.Contains("vae: 3 seed(s) x 10 epochs", log);
    }

    [Fact]
    public void QuickRunTrainsOneEpoch()
    {
        var (_, engine, _) = Run(new ReproduceSettings { Quick = true, Seeds = [4] });
        Assert.Equal([(4, 20, 1), (4, 2, 1)], engine.Calls);
    }

    [Theory]
    [InlineData(103.0, true)] // mean over seeds 1-3 of 103 + seed = 105.0
    [InlineData(103.6, false)] // 105.6
    public void TheTargetIsTheMeanTestLossPerImageAtMost105Point5(double finalTestLoss, bool met)
    {
        var (summary, _, _) = Run(new ReproduceSettings(), finalTestLoss);
        var (_, number, value) = Assert.Single(HtmlReportWriter.Targets(summary), t => t.Experiment.Spec.Key == "vae");
        Assert.Equal(finalTestLoss + 2, value!.Value, 9);
        Assert.Equal(105.5, number.Max);
        Assert.Equal(met, number.Meets(value));
        var page = HtmlReportWriter.Render(summary);
        Assert.Contains("test loss per image (BCE sum + KL, z drawn)", page);
        // Two decimals: the target is a tenth from PyTorch's figure.
        Assert.Contains("<td>105.56</td><td class=\"value\">" + Number.Format(finalTestLoss + 2) + "</td><td>≤ 105.5</td>", page);
        Assert.Contains("Trained 10 epochs (recipe: 10)", page);
        Assert.Contains("batch 128, Adam 1e-3, per image: binary cross-entropy summed over the pixels", page);
        using var json = System.Text.Json.JsonDocument.Parse(JsonResultsWriter.Render(summary));
        Assert.Contains(json.RootElement.GetProperty("targets").EnumerateArray(), t => t.GetProperty("experiment").GetString() == "vae" && t.GetProperty("met").GetBoolean() == met);
    }

    [Fact]
    public void SamplesManifoldAndLatentMeansAreDrawn()
    {
        var (summary, _, _) = Run(new ReproduceSettings { Seeds = [1], Quick = true });
        var figures = summary.Experiments[^1].Figures;
        Assert.Equal(["vae-samples.png", "vae-manifold.png", "vae-latent-means.svg"], figures.Select(f => f.FileName));
        var samples = PngDecoder.Decode(figures[0].Content);
        // 8 rows of 8 digits, 28 x 3 pixels each with 4 pixels of padding.
        Assert.Equal((4 + (8 * 88), 4 + (8 * 88)), (samples.Width, samples.Height));
        var manifold = PngDecoder.Decode(figures[1].Content);
        Assert.Equal((15 * 56, 15 * 56), (manifold.Width, manifold.Height));
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(figures[2].Content));
        // The fake's 120 test images, one dot each, plus the legend's 10.
        Assert.Equal(130, svg.Descendants(XName.Get("circle", "http://www.w3.org/2000/svg")).Count());
    }
}

/// <summary>The real engine trains what <c>vecae train --model vae</c> trains: the report's numbers are that command's.</summary>
public sealed class VariationalExperimentEngineTests : IDisposable
{
    private readonly TinyMnist _data = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vecae-vae-engine-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    [Fact]
    public void TheModelIsByteForByteTheTrainCommands()
    {
        var dataset = Vectorized.Autoencoders.Cli.Commands.TrainData.LoadDataset(_data.Path);
        var engine = new VariationalExperimentEngine(dataset.Train, dataset.Test, threads: 2);
        var progress = new ProgressBar(TextWriter.Null, interactive: false, () => 0);
        var run = engine.Run(seed: 3, latent: 2, epochs: 2, progress, CancellationToken.None);
        Assert.Equal(2, run.TrainLoss.Length);
        Assert.True(double.IsFinite(run.TestLoss) && run.TestLoss > 0);
        var fromEngine = Path.Combine(_out, "engine.safetensors");
        Directory.CreateDirectory(_out);
        run.Model.Save(fromEngine);

        var dir = Path.Combine(_out, "train");
        var (code, _, err) = CommandRunner.Run("train", "--model", "vae", "--latent", "2", "--epochs", "2", "--seed", "3", "--threads", "1", "--data", _data.Path, "--out", dir, "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, "model.safetensors")), File.ReadAllBytes(fromEngine));

        var (images, labels) = engine.TestImages(10);
        Assert.Equal((10 * 784, 10), (images.Length, labels.Length));
        Assert.Equal(dataset.Test.Labels.Span[..10].ToArray(), labels);
    }
}
