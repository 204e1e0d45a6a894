using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// One optimizer step (forward, BCE, backward, Adam) of the article's models on MNIST-sized batches.
/// MemoryDiagnoser shows what a warmed-up step allocates: it must be 0 B. An epoch is 60,000 / Batch steps.
/// Run: dotnet run -c Release --project bench/Vectorized.Autoencoders.Benchmarks -- --filter *TrainingBenchmarks*
/// </summary>
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private Trainer _trainer = null!;
    private FloatSamples _data = null!;
    private int[] _indices = [];

    [Params("deep", "shallow")]
    public string Model { get; set; } = "deep";

    [Params(32, 256)]
    public int Batch { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int samples = 1024;
        var rng = new Xoshiro256(1);
        var pixels = new float[samples * AutoencoderOptions.MnistInputSize];
        for (var i = 0; i < pixels.Length; i++)
        {
            // MNIST-like: most pixels black.
            pixels[i] = rng.NextDouble() < 0.8 ? 0f : (float)rng.NextDouble();
        }

        _data = new FloatSamples(pixels, AutoencoderOptions.MnistInputSize);
        var options = Model == "deep" ? AutoencoderOptions.Deep : AutoencoderOptions.Shallow;
        _trainer = new Trainer(Autoencoder.Create(options, 1), new TrainingOptions { BatchSize = Batch, Threads = Threads });
        _indices = new int[Batch];
        for (var i = 0; i < Batch; i++)
        {
            _indices[i] = (i * 7) % samples;
        }
    }

    /// <summary>One training step on a batch of <see cref="Batch"/> images.</summary>
    [Benchmark]
    public double Step() => _trainer.TrainBatch(_data, null, _indices);
}
