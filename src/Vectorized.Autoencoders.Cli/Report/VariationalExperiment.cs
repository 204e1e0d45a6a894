using System.Globalization;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// The report's variational-autoencoder section: the 784-400-20 model for every seed (its test loss per
/// image judged against <see cref="ArticleReference.PeerNumbers"/>), digits sampled from the first seed's
/// model, and a 2-D model of the first seed for the manifold and the scatter of latent means.
/// </summary>
public static class VariationalExperiment
{
    /// <summary>The latent size of the model drawn as a manifold.</summary>
    public const int ManifoldLatent = 2;

    /// <summary>Digits in the samples figure (8 rows of 8).</summary>
    public const int SampleCount = 64;

    /// <summary>Epochs in a quick run.</summary>
    public const int QuickEpochs = 1;

    public static ExperimentResult Run(IVariationalEngine engine, ReproduceSettings settings, ProgressBar progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        if (settings.Seeds.Count == 0)
        {
            throw new ArgumentException("At least one seed is needed.", nameof(settings));
        }

        var spec = ArticleReference.Variational;
        var epochs = settings.Quick ? QuickEpochs : spec.Epochs;
        // PyTorch's example's 20: the model judged against the target.
        var latent = AutoencoderOptions.Variational.LatentSize;
        var result = new ExperimentResult(spec);
        VariationalRun? first = null;
        foreach (var seed in settings.Seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Label = string.Create(CultureInfo.InvariantCulture, $"vae seed {seed}");
            var run = engine.Run(seed, latent, epochs, progress, cancellationToken);
            result.Add(seed, run.TrainLoss, run.TestLoss, run.MeanCode, run.TrainSeconds);
            first ??= run;
        }

        var firstSeed = settings.Seeds[0];
        result.Figures.Add(Png("vae-samples.png",
            string.Create(CultureInfo.InvariantCulture, $"{SampleCount} digits decoded from z ~ N(0, I) by the seed-{firstSeed} model ({latent}-d latent space; vecae sample --count {SampleCount} --seed 1)."),
            VariationalFigures.Samples(first!.Model, SampleCount, seed: 1, settings.Threads)));

        cancellationToken.ThrowIfCancellationRequested();
        progress.Label = string.Create(CultureInfo.InvariantCulture, $"vae latent {ManifoldLatent} seed {firstSeed}");
        var flat = engine.Run(firstSeed, ManifoldLatent, epochs, progress, cancellationToken);
        var cells = VariationalFigures.ManifoldCells;
        result.Figures.Add(Png("vae-manifold.png",
            string.Create(CultureInfo.InvariantCulture, $"The same model with a 2-d latent space (seed {firstSeed}, {epochs} epoch{(epochs == 1 ? "" : "s")}, test loss per image {Number.Format(flat.TestLoss)}): {cells} x {cells} digits decoded at z = the N(0, 1) quantiles of 0.05 to 0.95 in each axis, z1 rightwards, z2 upwards (Keras' VAE example; vecae manifold)."),
            VariationalFigures.Manifold(flat.Model, settings.Threads)));
        var (images, labels) = engine.TestImages(settings.MapCount);
        var means = VariationalFigures.LatentMeans(flat.Model, images, labels.Length, settings.Threads);
        result.Figures.Add(Figure.Svg("vae-latent-means.svg",
            string.Create(CultureInfo.InvariantCulture, $"The 2-d model's latent means of {labels.Length} test digits, coloured by the digit they show: the encoder orders the digits without being told their labels."),
            VariationalFigures.LatentScatterSvg(string.Create(CultureInfo.InvariantCulture, $"Latent means of {labels.Length} test digits (2-d VAE)"), means, labels)));
        progress.Message(ReproducePipeline.Summary(result));
        return result;
    }

    private static Figure Png(string fileName, string caption, Raster image) => new(fileName, caption, PngWriter.Encode(image));
}
