using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Models;

/// <summary>Conveniences over the data layer's <see cref="ImageSet"/> (MNIST's train and test sets).</summary>
public sealed partial class Autoencoder
{
    /// <summary>Trains to reconstruct <paramref name="images"/>; set <see cref="TrainingOptions.Validation"/> for per-epoch test loss.</summary>
    public TrainingHistory Fit(ImageSet images, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(new ImageSetSamples(images), options, progress, cancellationToken);

    /// <summary>Keras' evaluate on an image set (see the <see cref="ISampleSource"/> overload).</summary>
    public EvaluationResult Evaluate(ImageSet images, float noiseStd = 0f, int seed = 1, int batchSize = TrainingOptions.DefaultBatchSize, int threads = 1) =>
        Evaluate(new ImageSetSamples(images), noiseStd, seed, batchSize, threads);

    /// <summary>The codes of every image: [images.Count, CodeSize].</summary>
    public float[] Encode(ImageSet images, int threads = 1) => Encode(new ImageSetSamples(images), threads);

    /// <summary>The reconstruction of every image: [images.Count, OutputSize].</summary>
    public float[] Predict(ImageSet images, int threads = 1) => Predict(new ImageSetSamples(images), threads);

    /// <summary>The inputs the denoising model sees: images + std * N(0, 1) clipped to [0, 1], the same noise training and evaluation use for that seed.</summary>
    public static float[] AddNoise(ImageSet images, float noiseStd, int seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[(long)images.Count * images.Features];
        images.CopyRange(0, images.Count, result);
        var noiseSeed = Trainer.NoiseSeed(seed);
        for (var i = 0; i < images.Count; i++)
        {
            var row = result.AsSpan(i * images.Features, images.Features);
            GaussianNoise.Apply(row, noiseStd, noiseSeed, i, row);
        }

        return result;
    }
}
