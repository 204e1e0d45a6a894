using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Models;

/// <summary>Conveniences over the data layer's <see cref="ImageSet"/> (MNIST's train and test sets).</summary>
public sealed partial class Autoencoder
{
    /// <summary>Keras' evaluate on an image set (see the <see cref="ISampleSource"/> overload).</summary>
    public EvaluationResult Evaluate(ImageSet images, float noiseStd = 0f, int seed = 1, int batchSize = DefaultBatchSize, int threads = 1) =>
        Evaluate(new ImageSetSource(images), noiseStd, seed, batchSize, threads);

    /// <summary>The codes of every image: [images.Count, CodeSize].</summary>
    public float[] Encode(ImageSet images, int threads = 1) => Encode(new ImageSetSource(images), threads);

    /// <summary>The reconstruction of every image: [images.Count, OutputSize].</summary>
    public float[] Predict(ImageSet images, int threads = 1) => Predict(new ImageSetSource(images), threads);

    /// <summary>The inputs the denoising model sees: images + std * N(0, 1) clipped to [0, 1], the same noise training and evaluation use for that seed.</summary>
    public static float[] AddNoise(ImageSet images, float noiseStd, int seed)
    {
        ArgumentNullException.ThrowIfNull(images);
        var result = new float[(long)images.Count * images.Features];
        images.CopyRange(0, images.Count, result);
        var noiseSeed = GaussianNoise.SeedFor(seed);
        for (var i = 0; i < images.Count; i++)
        {
            var row = result.AsSpan(i * images.Features, images.Features);
            GaussianNoise.Apply(row, noiseStd, noiseSeed, i, row);
        }

        return result;
    }
}
