using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Training;

/// <summary>
/// Keras' <c>model.fit</c>: an extension of <see cref="Autoencoder"/> so the model (the network) does
/// not depend on the trainer that updates it.
/// </summary>
public static class AutoencoderFit
{
    /// <summary>Trains to reconstruct <paramref name="inputs"/> (with <see cref="TrainingOptions.NoiseStd"/> noise on the inputs when set).</summary>
    public static TrainingHistory Fit(this Autoencoder model, ISampleSource inputs, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new Trainer(model, options).Fit(inputs, null, progress, cancellationToken);

    /// <summary>Trains to map <paramref name="inputs"/> to <paramref name="targets"/> (inputs != targets: e.g. a denoising autoencoder on pre-corrupted data).</summary>
    public static TrainingHistory Fit(this Autoencoder model, ISampleSource inputs, ISampleSource targets, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new Trainer(model, options).Fit(inputs, targets, progress, cancellationToken);

    /// <summary>Trains to reconstruct <paramref name="images"/>; set <see cref="TrainingOptions.Validation"/> for per-epoch test loss.</summary>
    public static TrainingHistory Fit(this Autoencoder model, ImageSet images, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        model.Fit(new ImageSetSource(images), options, progress, cancellationToken);
}
