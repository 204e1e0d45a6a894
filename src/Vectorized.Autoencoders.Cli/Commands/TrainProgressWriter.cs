using System.Globalization;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>Plain progress lines on stderr, reported synchronously from the training thread.</summary>
internal sealed class TrainProgressWriter(TextWriter stderr, int batchSize) : IProgress<TrainingProgress>
{
    public void Report(TrainingProgress value)
    {
        var seconds = value.Elapsed.TotalSeconds;
        var rate = seconds > 0 ? value.Batch * batchSize / seconds : 0;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {value.Epoch}/{value.Epochs} batch {value.Batch}/{value.Batches} loss {value.Loss:F4} {rate:F0} samples/s {seconds:F1}s"));
    }
}
