using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

[CollectionDefinition(nameof(ProcessWideAllocation), DisableParallelization = true)]
public sealed class ProcessWideAllocation;

/// <summary>
/// A warmed-up training step allocates nothing on ANY thread: the worker pool's threads included.
/// Measured process-wide, so this collection runs alone.
/// </summary>
[Collection(nameof(ProcessWideAllocation))]
public class MultiThreadAllocationTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SteadyStateStepsAllocateNothingOnAnyThread(int threads)
    {
        var data = new float[96 * 784];
        var random = new Random(5);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        var samples = new FloatSamples(data, 784);
        var trainer = new Trainer(Autoencoder.Create(AutoencoderOptions.Deep, 3), new TrainingOptions { Threads = threads });
        var indices = new int[32];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i * 3;
        }

        for (var i = 0; i < 100; i++)
        {
            trainer.TrainBatch(samples, null, indices);
        }

        Thread.Sleep(200);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < 5; i++)
        {
            trainer.TrainBatch(samples, null, indices);
        }

        Assert.Equal(0, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
