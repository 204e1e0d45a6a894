using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Threading;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// A warmed-up training step allocates nothing on ANY thread it runs on: the calling thread and
/// every thread of the worker pool. The collection runs alone, so no other test's work is in the pool.
/// </summary>
[Collection(nameof(ProcessWide))]
public class MultiThreadAllocationTests
{
    [Theory]
    [InlineData(1, "deep")]
    [InlineData(2, "deep")]
    [InlineData(1, "vae")]
    [InlineData(2, "vae")]
    [InlineData(1, "conv")]
    [InlineData(2, "conv")]
    [InlineData(1, "conv-denoising")]
    [InlineData(2, "conv-denoising")]
    public void SteadyStateStepsAllocateNothingOnAnyThread(int threads, string model)
    {
        var data = new float[96 * 784];
        var random = new Random(5);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        var samples = new FloatSamples(data, 784);
        var options = model switch
        {
            "vae" => AutoencoderOptions.Variational,
            "conv" => AutoencoderOptions.Convolutional,
            "conv-denoising" => AutoencoderOptions.ConvolutionalDenoising,
            _ => AutoencoderOptions.Deep,
        };
        // The denoiser with its noise, so the noisy-input path is measured too.
        var noise = model == "conv-denoising" ? TrainingOptions.ArticleNoiseStd : 0f;
        var trainer = new Trainer(Autoencoder.Create(options, 3), new TrainingOptions { Threads = threads, NoiseStd = noise });
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
        // This thread's bytes and the worker pool's, not the whole process's: the test runner's own
        // threads allocate now and then. The first call also runs the pool's static constructor
        // (with one thread the steps never touch the pool), so make it before measuring.
        _ = WorkerPool.WorkerAllocatedBytes();
        // A step that allocates does so every time; what the runtime allocates once, lazily (a lock
        // the first time a worker blocks on a loaded machine), is warm-up. So: windows of 5 steps,
        // and one of them must allocate nothing.
        var windows = new long[5];
        for (var w = 0; w < windows.Length; w++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.WorkerAllocatedBytes();
            for (var i = 0; i < 5; i++)
            {
                trainer.TrainBatch(samples, null, indices);
            }

            windows[w] = GC.GetAllocatedBytesForCurrentThread() + WorkerPool.WorkerAllocatedBytes() - before;
            if (windows[w] == 0)
            {
                return;
            }
        }

        Assert.Fail($"every window of 5 steps allocated: {string.Join(", ", windows)} bytes");
    }
}
