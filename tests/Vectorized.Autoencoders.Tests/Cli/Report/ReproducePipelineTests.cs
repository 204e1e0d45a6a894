using System.Xml.Linq;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Tests.Imaging;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

public class ReproducePipelineTests
{
    private static (RunSummary Summary, FakeEngine Engine, string Log) Run(ReproduceSettings settings)
    {
        var engine = new FakeEngine();
        var log = new StringWriter();
        var progress = new ProgressBar(log, interactive: false, () => 0);
        var summary = ReproducePipeline.Run(engine, settings, progress, CancellationToken.None);
        return (summary, engine, log.ToString());
    }

    [Fact]
    public void RunsEveryExperimentForEverySeedWithTheArticlesEpochs()
    {
        var (summary, engine, log) = Run(new ReproduceSettings());
        Assert.Equal(21, engine.Calls.Count);
        Assert.Equal([3, 3, 3, 5, 5, 5, 10, 10, 10, 20, 20, 20, 20, 20, 20, 22, 22, 22, 10, 10, 10], engine.Calls.Select(c => c.Epochs));
        Assert.Equal([1, 2, 3], engine.Calls.Where(c => c.Key == "deep").Select(c => c.Seed));
        Assert.Equal(7, summary.Experiments.Count);
        Assert.Contains("deep: 3 seed(s) x 3 epochs", log);
        Assert.Contains("deep seed 2 epoch 3/3 done", log);
        // Mean over seeds 1-3 of 0.09 + 0.05/3 + 0.001 * seed.
        Assert.Equal(0.09 + 0.05 / 3 + 0.002, summary.Experiments[0].MeanTrainLoss(3)!.Value, 12);
    }

    [Fact]
    public void QuickRunCapsEpochs()
    {
        var (summary, engine, _) = Run(new ReproduceSettings { Quick = true, Seeds = [1] });
        // One epoch for the convolutional models, whose epochs cost the most.
        Assert.Equal([2, 2, 2, 2, 2, 1, 1], engine.Calls.Select(c => c.Epochs));
        Assert.True(summary.Quick);
    }

    [Fact]
    public void EveryArticleFigureIsDrawnAndValid()
    {
        var (summary, _, _) = Run(new ReproduceSettings { Seeds = [1] });
        var names = summary.Experiments.SelectMany(e => e.Figures).Select(f => f.FileName).ToArray();
        Assert.Equal(
        [
            "deep-reconstructions.png", "deep-filters.png", "shallow-reconstructions.png", "shallow-filters.png", "denoising.png",
            "standard-reconstructions.png", "loss-history.svg", "code-density.svg", "sparse-reconstructions.png",
            "conv-reconstructions.png", "conv-denoising.png",
        ], names);

        // The conv denoiser's figure has a fourth row, the dense denoiser's output on the same noisy digits.
        var denoising = PngDecoder.Decode(summary.Experiments.Single(e => e.Spec.Key == "denoising").Figures[0].Content);
        var comparison = PngDecoder.Decode(summary.Experiments.Single(e => e.Spec.Key == "conv-denoising").Figures[0].Content);
        Assert.True(comparison.Height > denoising.Height + (2 * 28), $"{comparison.Height} vs {denoising.Height}");
        var caption = summary.Experiments.Single(e => e.Spec.Key == "conv-denoising").Figures[0].Caption;
        Assert.Contains("the dense denoiser's output", caption);
        Assert.Contains("Test loss on noisy inputs (mean over seeds): dense ", caption);

        foreach (var figure in summary.Experiments.SelectMany(e => e.Figures))
        {
            if (figure.MediaType == "image/svg+xml")
            {
                var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(figure.Content));
                Assert.Equal(2, doc.Descendants(XName.Get("polyline", "http://www.w3.org/2000/svg")).Count());
            }
            else
            {
                var image = PngDecoder.Decode(figure.Content);
                Assert.True(image.Width > 5 * 28 && image.Height > 2 * 28);
            }
        }
    }

    [Fact]
    public void WrittenReportPassesPngcheckAndNamesEveryFigure()
    {
        var (summary, _, _) = Run(new ReproduceSettings { Seeds = [1], Quick = true });
        var directory = Path.Combine(Path.GetTempPath(), $"vecae-reproduce-{Guid.NewGuid():N}");
        try
        {
            var page = File.ReadAllText(HtmlReportWriter.Write(summary, directory));
            foreach (var figure in summary.Experiments.SelectMany(e => e.Figures))
            {
                Assert.Contains($">{figure.FileName}</a>", page);
                var path = Path.Combine(directory, figure.FileName);
                if (figure.FileName.EndsWith(".png", StringComparison.Ordinal))
                {
                    var (code, output) = ExternalTool.Run("pngcheck", path);
                    Assert.True(code == 0, output);
                }
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void DeepCodesAreMappedWithTsneIntoTheReport()
    {
        var (summary, engine, log) = Run(new ReproduceSettings { Seeds = [1], Quick = true });
        Assert.Equal(1, engine.MapCalls);
        var (map, figure) = summary.CodeMap!.Value;
        Assert.Equal(150, map.Labels.Length); // the fake's 150 codes, fewer than a quick run's 500
        Assert.Equal("tsne.svg", figure.FileName);
        Assert.Contains("t-SNE of the deep model's codes of 150 test images", log);
        var doc = Vectorized.Autoencoders.Tests.Plotting.SvgAssert.Parse(System.Text.Encoding.UTF8.GetString(figure.Content));
        Assert.Equal(150, doc.Descendants(Vectorized.Autoencoders.Tests.Plotting.SvgAssert.Svg + "circle").Count(c => (string?)c.Attribute("r") == "1.8"));
        var page = HtmlReportWriter.Render(summary);
        Assert.Contains("6. The codes for dimensionality reduction: t-SNE", page);
        Assert.Contains("<td class=\"value\">0.900</td>", page);

        // Beside it, the same t-SNE on the raw pixels of the same test images.
        Assert.Equal(1, engine.PixelMapCalls);
        var (pixels, pixelFigure) = summary.PixelMap!.Value;
        Assert.Equal(150, pixels.Labels.Length);
        Assert.Equal("tsne-pixels.svg", pixelFigure.FileName);
        Assert.Contains("t-SNE of the raw pixels of the same 150 test images", log);
        Assert.Contains("<tr><th></th><th>raw pixels</th><th>deep autoencoder codes</th></tr>", page);
        Assert.Contains("<td class=\"value\">0.800</td><td class=\"value\">0.900</td>", page);
        using var json = System.Text.Json.JsonDocument.Parse(JsonResultsWriter.Render(summary));
        Assert.Equal(0.8, json.RootElement.GetProperty("tsne_pixels").GetProperty("knn_accuracy").GetDouble());
    }

    [Fact]
    public void CancellationStopsBeforeTheNextRun()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var progress = new ProgressBar(TextWriter.Null, false, () => 0);
        Assert.Throws<OperationCanceledException>(() => ReproducePipeline.Run(new FakeEngine(), new ReproduceSettings(), progress, cancel.Token));
    }
}
