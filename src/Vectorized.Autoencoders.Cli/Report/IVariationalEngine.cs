using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// Trains and evaluates the variational autoencoder of <see cref="ArticleReference.Variational"/> for one
/// seed and latent size. As <see cref="IExperimentEngine"/>, it keeps the pipeline testable with a fake.
/// </summary>
public interface IVariationalEngine
{
    /// <summary>Trains the model with <paramref name="latent"/> latent units for <paramref name="epochs"/> epochs, then evaluates it on the test set.</summary>
    VariationalRun Run(int seed, int latent, int epochs, ProgressBar progress, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="count"/> test images (fewer if the set is smaller) with their digits.</summary>
    /// <returns>Images: [n, 784] in [0, 1]; Labels: [n].</returns>
    (float[] Images, byte[] Labels) TestImages(int count);
}

/// <summary>One trained seed of the variational model.</summary>
/// <param name="TrainLoss">Mean batch loss per image, per epoch: [epochs].</param>
/// <param name="TestLoss">Test loss per image, z drawn from the seeded evaluation stream (as PyTorch's example evaluates).</param>
/// <param name="MeanCode">Mean of the drawn z over the test set.</param>
/// <param name="TrainSeconds">Wall time of the training epochs.</param>
/// <param name="Model">The trained model, for the figures.</param>
public sealed record VariationalRun(double[] TrainLoss, double TestLoss, double MeanCode, double TrainSeconds, Autoencoder Model);
