using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

/// <summary>An engine that "trains" instantly: losses fall with the epoch and depend on the seed, figures get synthetic digits.</summary>
internal sealed class FakeEngine : IExperimentEngine
{
    public List<(string Key, int Seed, int Epochs)> Calls { get; } = [];

    public ExperimentRun Run(ExperimentSpec spec, int seed, int epochs, ProgressBar progress, CancellationToken cancellationToken)
    {
        Calls.Add((spec.Key, seed, epochs));
        var loss = Enumerable.Range(1, epochs).Select(e => 0.09 + 0.05 / e + 0.001 * seed).ToArray();
        for (var e = 1; e <= epochs; e++)
        {
            progress.Report(new ProgressSnapshot(e, epochs, 10, 10, loss[e - 1], 32, e));
            progress.EpochDone(e, epochs, loss[e - 1], 1);
        }

        var random = new Random(seed);
        float[] Digits(int n) => Enumerable.Range(0, n * 784).Select(_ => (float)random.NextDouble()).ToArray();
        var hidden = spec.Key is "deep" or "denoising" ? 128 : 32;
        var codes = Enumerable.Range(0, 150 * 32).Select(_ => (float)(random.NextDouble() * (spec.Key == "sparse" ? 1.5 : 13))).ToArray();
        // Both denoisers see the same noisy digits for a seed, as the real engine's figure noise does.
        var noisy = spec.Key is "denoising" or "conv-denoising" ? Enumerable.Range(0, 5 * 784).Select(i => (float)((i * 0.37 + seed) % 1)).ToArray() : null;
        var material = new FigureMaterial(Digits(5), noisy, Digits(5), Digits(hidden), hidden, codes, 32);
        return new ExperimentRun(loss, loss[^1] - 0.001, codes.Average(), 2.0 * epochs, material);
    }

    public int MapCalls { get; private set; }

    public CodeMap Map(float[] codes, int codeSize, int count, CancellationToken cancellationToken)
    {
        MapCalls++;
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        var embedding = Enumerable.Range(0, 2 * count).Select(i => codes[i % codes.Length]).ToArray();
        return new CodeMap(embedding, labels, codeSize, 0.9, 1.5, 0.1);
    }

    public int PixelMapCalls { get; private set; }

    public CodeMap MapPixels(int count, CancellationToken cancellationToken)
    {
        PixelMapCalls++;
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        var embedding = Enumerable.Range(0, 2 * count).Select(i => (float)Math.Sin(i)).ToArray();
        return new CodeMap(embedding, labels, 784, 0.8, 1.7, 0.2);
    }
}
