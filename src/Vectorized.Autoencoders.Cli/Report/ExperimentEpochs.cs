using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>The epoch loop every experiment of the report runs: to the epoch count, cancellable, a diverged run named.</summary>
internal static class ExperimentEpochs
{
    /// <summary>
    /// Trains until <paramref name="epochs"/> are complete, adding each epoch to <paramref name="history"/>;
    /// a non-finite loss becomes an <see cref="ExperimentFailedException"/> naming <paramref name="run"/>.
    /// </summary>
    public static void Run(
        Trainer trainer, ISampleSource samples, IProgress<TrainingProgress> reporter, int epochs, string run,
        List<EpochResult> history, CancellationToken cancellationToken)
    {
        try
        {
            while (trainer.CompletedEpochs < epochs)
            {
                var result = trainer.RunEpoch(samples, null, reporter, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                history.Add(result ?? throw new OperationCanceledException(cancellationToken));
            }
        }
        catch (NonFiniteLossException e)
        {
            throw new ExperimentFailedException($"{run}: {e.Message}");
        }
    }
}
