using System.Diagnostics;
using System.Globalization;
using Vectorized.Autoencoders.Cli.Progress;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// <c>vecae reproduce</c> without the command-line parts: runs the article's five experiments
/// for every seed through an <see cref="IExperimentEngine"/>, draws every figure and the t-SNE map,
/// and returns what the report shows. Figures come from the first seed's models; numbers are means over all seeds.
/// </summary>
public static class ReproducePipeline
{
    /// <summary>
    /// Runs everything; progress and one summary line per experiment go to <paramref name="progress"/>.
    /// With <paramref name="variational"/>, the variational autoencoder's section follows (<see cref="VariationalExperiment"/>).
    /// </summary>
    public static RunSummary Run(IExperimentEngine engine, ReproduceSettings settings, ProgressBar progress, CancellationToken cancellationToken, IVariationalEngine? variational = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        if (settings.Seeds.Count == 0)
        {
            throw new ArgumentException("At least one seed is needed.", nameof(settings));
        }

        var clock = Stopwatch.StartNew();
        var results = new List<ExperimentResult>();
        var firstSeedRuns = new Dictionary<string, ExperimentRun>();
        foreach (var spec in ArticleReference.Experiments)
        {
            var result = new ExperimentResult(spec);
            foreach (var seed in settings.Seeds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress.Label = string.Create(CultureInfo.InvariantCulture, $"{spec.Key} seed {seed}");
                var run = engine.Run(spec, seed, settings.EpochsOf(spec), progress, cancellationToken);
                result.Add(seed, run.TrainLoss, run.TestLoss, run.MeanCode, run.TrainSeconds);
                firstSeedRuns.TryAdd(spec.Key, run);
            }

            AddFigures(result, firstSeedRuns, results, settings.Count);
            results.Add(result);
            progress.Message(Summary(result));
        }

        (CodeMap, Figure)? codeMap = null, pixelMap = null;
        if (firstSeedRuns.TryGetValue("deep", out var deep)
            && Math.Min(settings.MapCount, deep.Material.Codes.Length / deep.Material.CodeSize) is var points && points >= ReproduceSettings.MinimumMapPoints)
        {
            progress.Message(string.Create(CultureInfo.InvariantCulture, $"t-SNE of the deep model's codes of {points} test images"));
            codeMap = MapFigure(engine.Map(deep.Material.Codes, deep.Material.CodeSize, points, cancellationToken));
            progress.Message(string.Create(CultureInfo.InvariantCulture, $"t-SNE: {Number.Seconds(codeMap.Value.Item1.Seconds)} s, 10-NN accuracy {codeMap.Value.Item1.NeighborAccuracy:F3}"));

            // The article's claim: t-SNE does better on the codes than on the raw 784-D pixels.
            progress.Message(string.Create(CultureInfo.InvariantCulture, $"t-SNE of the raw pixels of the same {points} test images"));
            pixelMap = PixelMapFigure(engine.MapPixels(points, cancellationToken));
            progress.Message(string.Create(CultureInfo.InvariantCulture, $"t-SNE: {Number.Seconds(pixelMap.Value.Item1.Seconds)} s, 10-NN accuracy {pixelMap.Value.Item1.NeighborAccuracy:F3}"));
        }

        if (variational is not null)
        {
            results.Add(VariationalExperiment.Run(variational, settings, progress, cancellationToken));
        }

        return new RunSummary(results, MachineInfo.Current(settings.Threads), clock.Elapsed.TotalSeconds, settings.Quick, DateTimeOffset.UtcNow, CommandLine.Version)
        {
            CodeMap = codeMap,
            PixelMap = pixelMap,
            Streams = settings.Streams,
        };
    }

    /// <summary>One line per finished experiment for the console.</summary>
    public static string Summary(ExperimentResult result)
    {
        var last = result.MeanTrainLoss(result.EpochsRun);
        return string.Create(CultureInfo.InvariantCulture,
            $"{result.Spec.Key}: {result.Seeds.Count} seed(s) x {result.EpochsRun} epochs, train loss {Number.Format(last)}, test loss {Number.Format(result.TestLoss.Average())}, mean code {Number.Format(result.MeanCode.Average())}, {Number.Seconds(result.SecondsPerEpoch)} s/epoch");
    }

    private static void AddFigures(ExperimentResult result, Dictionary<string, ExperimentRun> firstSeedRuns, List<ExperimentResult> done, int count)
    {
        var key = result.Spec.Key;
        var m = firstSeedRuns[key].Material;
        var shown = Math.Min(count, m.Originals.Length / (ArticleFigures.Side * ArticleFigures.Side));
        var digits = ArticleFigures.Side * ArticleFigures.Side * shown;
        var originals = m.Originals[..digits];
        var outputs = m.Outputs[..digits];
        switch (key)
        {
            case "deep":
            case "shallow":
                result.Figures.Add(Png($"{key}-reconstructions.png", $"{result.Spec.Title}: {shown} test digits (top) and their reconstructions (bottom).",
                    ArticleFigures.Reconstructions($"{key} autoencoder: reconstructions", originals, outputs, shown)));
                var first = key == "deep" ? 0 : 20;
                var filters = Math.Min(10, m.FirstLayerOutputs - first);
                result.Figures.Add(Png($"{key}-filters.png", $"{result.Spec.Title}: first-layer filters {first} to {first + filters - 1}, each weight vector shown as a 28x28 image scaled to its own minimum (black) and maximum (white).",
                    ArticleFigures.Filters($"{key} autoencoder: first-layer filters", m.FirstLayerWeights, m.FirstLayerOutputs, first, filters)));
                break;
            case "denoising":
                var noisy = (m.Noisy ?? m.Originals)[..digits];
                result.Figures.Add(Png("denoising.png", $"{result.Spec.Title}: original test digits, the noisy input (x + 0.4 N(0,1), clipped), and the model's output.",
                    ArticleFigures.Denoising("denoising autoencoder", originals, noisy, outputs, shown)));
                break;
            case "conv":
                result.Figures.Add(Png("conv-reconstructions.png", $"{result.Spec.Title}: test digits and their reconstructions.",
                    ArticleFigures.Reconstructions("convolutional autoencoder", originals, outputs, shown)));
                break;
            case "conv-denoising":
                AddDenoisingComparison(result, firstSeedRuns, done, originals, (m.Noisy ?? m.Originals)[..digits], outputs, shown);
                break;
            case "standard":
                result.Figures.Add(Png("standard-reconstructions.png", $"{result.Spec.Title}: test digits and their reconstructions.",
                    ArticleFigures.Reconstructions("standard shallow autoencoder, 20 epochs", originals, outputs, shown)));
                break;
            case "sparse":
                var standard = done.Find(r => r.Spec.Key == "standard");
                var curves = new List<(string, double[])>();
                var densities = new List<(string, float[])>();
                if (standard is not null)
                {
                    curves.Add(("standard", standard.MeanTrainLossCurve()));
                    densities.Add(("standard", firstSeedRuns["standard"].Material.Codes));
                }

                curves.Add(("sparse (L1 1e-5)", result.MeanTrainLossCurve()));
                densities.Add(("sparse", m.Codes));
                result.Figures.Add(Figure.Svg("loss-history.svg", "Training loss per epoch of the standard and the sparse shallow autoencoder (mean over seeds; the sparse loss includes its L1 penalty).",
                    ArticleFigures.LossHistory("Training loss: standard vs sparse autoencoder", curves)));
                result.Figures.Add(Figure.Svg("code-density.svg", "Distribution of all code values on the test set, standard vs sparse; dashed lines mark the means.",
                    ArticleFigures.CodeDensity("Code values on the test set: standard vs sparse", densities, m.CodeSize)));
                result.Figures.Add(Png("sparse-reconstructions.png", $"{result.Spec.Title}: test digits and their reconstructions.",
                    ArticleFigures.Reconstructions("sparse shallow autoencoder", originals, outputs, shown)));
                break;
        }
    }

    // The conv denoiser's figure, with the dense denoiser's output on the same noisy digits as a row of
    // its own when that experiment ran (the same first seed draws the same figure noise for both).
    private static void AddDenoisingComparison(
        ExperimentResult result, Dictionary<string, ExperimentRun> firstSeedRuns, List<ExperimentResult> done,
        float[] originals, float[] noisy, float[] outputs, int shown)
    {
        var dense = firstSeedRuns.TryGetValue("denoising", out var run) && run.Material.Noisy is { } denseNoisy
            && denseNoisy.Length >= noisy.Length && denseNoisy.AsSpan(0, noisy.Length).SequenceEqual(noisy)
            ? run.Material.Outputs[..noisy.Length]
            : null;
        var denseLoss = done.Find(r => r.Spec.Key == "denoising") is { TestLoss.Count: > 0 } denoising ? denoising.TestLoss.Average() : (double?)null;
        if (dense is null)
        {
            result.Figures.Add(Png("conv-denoising.png", $"{result.Spec.Title}: original test digits, the noisy input (x + 0.4 N(0,1), clipped), and the model's output.",
                ArticleFigures.Denoising("convolutional denoising autoencoder", originals, noisy, outputs, shown)));
            return;
        }

        var losses = denseLoss is { } d
            ? string.Create(CultureInfo.InvariantCulture, $" Test loss on noisy inputs (mean over seeds): dense {Number.Format(d)}, conv {Number.Format(result.TestLoss.Average())}.")
            : "";
        result.Figures.Add(Png("conv-denoising.png", $"{result.Spec.Title}: original test digits, the noisy input (x + 0.4 N(0,1), clipped), the dense denoiser's output (experiment 3) and the conv denoiser's.{losses}",
            ArticleFigures.DenoisingComparison("denoising: dense vs convolutional", originals, noisy, dense, outputs, shown)));
    }

    private static (CodeMap, Figure) MapFigure(CodeMap map) => MapFigure(
        map, $"t-SNE of the deep autoencoder's {map.CodeSize}-d codes ({map.Labels.Length} test digits)",
        "tsne.svg", "Each test digit's 32-number code from the deep autoencoder, mapped to 2-D by t-SNE and coloured by the digit it shows.");

    private static (CodeMap, Figure) PixelMapFigure(CodeMap map) => MapFigure(
        map, $"t-SNE of the raw {map.CodeSize}-d pixels ({map.Labels.Length} test digits)",
        "tsne-pixels.svg", "The same test digits mapped to 2-D by t-SNE straight from their 784 pixels, for comparison.");

    private static (CodeMap, Figure) MapFigure(CodeMap map, FormattableString title, string fileName, string caption)
    {
        var names = Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray();
        var svg = Plotting.ScatterPlot.ToSvg(
            FormattableString.Invariant(title), "t-SNE dimension 1", "t-SNE dimension 2", map.Embedding, map.Labels, names);
        return (map, Figure.Svg(fileName, caption, svg));
    }

    private static Figure Png(string fileName, string caption, Imaging.Raster image) => new(fileName, caption, Imaging.PngWriter.Encode(image));
}
