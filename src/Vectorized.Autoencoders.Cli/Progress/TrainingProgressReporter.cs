using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Progress;

/// <summary>
/// Feeds the engine's <see cref="TrainingProgress"/> reports (per-epoch elapsed time) into a
/// <see cref="ProgressBar"/> (whole-run elapsed time), and turns an epoch's last batch into
/// the bar's permanent epoch summary line. Reported synchronously on the training thread.
/// </summary>
public sealed class TrainingProgressReporter(ProgressBar bar, int batchSize) : IProgress<TrainingProgress>
{
    private double _finishedEpochsSeconds;

    public void Report(TrainingProgress value)
    {
        var epochSeconds = value.Elapsed.TotalSeconds;
        if (value.Batch == value.Batches)
        {
            // The epoch's last report becomes its permanent summary line instead of one more bar.
            _finishedEpochsSeconds += epochSeconds;
            bar.EpochDone(value.Epoch, value.Epochs, value.Loss, epochSeconds);
            return;
        }

        bar.Report(new ProgressSnapshot(value.Epoch, value.Epochs, value.Batch, value.Batches, value.Loss, batchSize, _finishedEpochsSeconds + epochSeconds));
    }
}
