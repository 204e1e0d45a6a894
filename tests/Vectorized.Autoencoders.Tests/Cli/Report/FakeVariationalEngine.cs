using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

/// <summary>A variational engine that "trains" instantly: an untrained small model per call, losses that fall with the epoch and depend on the seed.</summary>
internal sealed class FakeVariationalEngine(double finalTestLoss = 104.0) : IVariationalEngine
{
    public List<(int Seed, int Latent, int Epochs)> Calls { get; } = [];

    public VariationalRun Run(int seed, int latent, int epochs, ProgressBar progress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add((seed, latent, epochs));
        var loss = Enumerable.Range(1, epochs).Select(e => 100 + (50.0 / e) + seed).ToArray();
        var model = Autoencoder.Create(AutoencoderOptions.Variational with { LayerSizes = [784, 8], LatentSize = latent }, seed);
        return new VariationalRun(loss, finalTestLoss + seed, 0.01 * seed, 3.0 * epochs, model);
    }

    public (float[] Images, byte[] Labels) TestImages(int count)
    {
        count = Math.Min(count, 120);
        var random = new Random(5);
        return ([.. Enumerable.Range(0, count * 784).Select(_ => (float)random.NextDouble())], [.. Enumerable.Range(0, count).Select(i => (byte)(i % 10))]);
    }
}
