using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// The variational autoencoder (PyTorch's examples/vae): determinism over threads, the whole step's
/// gradient against central differences of an independent double model with eps fixed, the
/// peer's state-dict names, and malformed files.
/// </summary>
public sealed class VariationalAutoencoderTests : IDisposable
{
    private static readonly AutoencoderOptions Small = AutoencoderOptions.Variational with { LayerSizes = [784, 64], LatentSize = 4 };
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"vecae-vae-{Guid.NewGuid():N}");

    public VariationalAutoencoderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Autoencoder Train(int threads)
    {
        var data = new FloatSamples(TrainingTestData.Images(200, 784, 42), 784);
        var model = Autoencoder.Create(Small, 3);
        model.Fit(data, new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = 7, Threads = threads, Validation = data });
        return model;
    }

    [Fact]
    public void WeightsAreBitwiseIdenticalForOneAndTwoThreads()
    {
        var one = TrainingTestData.Bits(Train(1));
        var two = TrainingTestData.Bits(Train(2));
        Assert.Equal(one, two);
        Assert.NotEqual(TrainingTestData.Bits(Autoencoder.Create(Small, 3)), one);
    }

    [Fact]
    public void ResumingMidEpochFromACheckpointFileContinuesTheEpsStreamBitForBit()
    {
        var straight = Train(1);
        var model = Autoencoder.Create(Small, 3);
        var data = new FloatSamples(TrainingTestData.Images(200, 784, 42), 784);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = 7, Threads = 1, Validation = data, ProgressInterval = 1 };
        var trainer = new Trainer(model, options);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            // Stop in the second epoch, after its third batch: eps has been drawn 10 times by then.
            if (p.Epoch == 2 && p.Batch == 3)
            {
                cts.Cancel();
            }
        });
        Assert.True(trainer.Fit(data, null, progress, cts.Token).Stopped);
        var path = Path.Combine(_dir, "checkpoint.safetensors");
        TrainingCheckpointFile.Save(path, trainer.Capture());
        var (checkpoint, metadata) = TrainingCheckpointFile.Load(path);
        Assert.Equal((1, 3), (checkpoint.CompletedEpochs, checkpoint.BatchInEpoch));
        Assert.True(metadata.ContainsKey(TrainingCheckpointFile.LatentNoiseRngKey));
        var resumed = Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
        var next = new Trainer(resumed, options with { Threads = 2 });
        next.Restore(checkpoint);
        next.Fit(data, null);
        Assert.Equal(TrainingTestData.Bits(straight), TrainingTestData.Bits(resumed));

        // Without the stream's state (a checkpoint from before it was stored) the run cannot continue exactly: refused.
        var old = checkpoint with { LatentNoiseRngState = null };
        var e = Assert.Throws<ArgumentException>(() => new Trainer(Autoencoder.FromParameters(old.Architecture, old.Parameters), options).Restore(old));
        Assert.Contains("eps stream", e.Message);
    }

    [Fact]
    public void DenseCheckpointsCarryNoEpsStream()
    {
        var trainer = new Trainer(Autoencoder.Create(AutoencoderOptions.Shallow, 3), new TrainingOptions { Epochs = 1, BatchSize = 32 });
        var path = Path.Combine(_dir, "dense.safetensors");
        TrainingCheckpointFile.Save(path, trainer.Capture());
        var (checkpoint, metadata) = TrainingCheckpointFile.Load(path);
        Assert.Null(checkpoint.LatentNoiseRngState);
        Assert.False(metadata.ContainsKey(TrainingCheckpointFile.LatentNoiseRngKey));
    }

    [Fact]
    public void InitializationIsPyTorchsLinearDefaultForWeightsAndBiases()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Variational, 1);
        Assert.Equal(["fc1", Autoencoder.MeanLogvarName, "fc3", "fc4"], model.Layers.Select(l => l.Name));
        Assert.Equal((784 * 400) + 400 + (400 * 40) + 40 + (20 * 400) + 400 + (400 * 784) + 784, model.ParameterCount);
        foreach (var layer in model.Layers)
        {
            var bound = 1f / MathF.Sqrt(layer.InputSize);
            Assert.All(layer.Weights.ToArray(), w => Assert.InRange(w, -bound, bound));
            Assert.All(layer.Bias.ToArray(), b => Assert.InRange(b, -bound, bound));
            // Spread over the range, biases included (not left at zero).
            Assert.True(layer.Bias.ToArray().Max() > bound / 2 && layer.Bias.ToArray().Min() < -bound / 2, layer.Name);
        }
    }

    [Fact]
    public void WholeStepMatchesCentralDifferencesWithTheNoiseFixed()
    {
        var options = AutoencoderOptions.Variational with { LayerSizes = [6, 5], LatentSize = 3 };
        const int batch = 3;
        var model = Autoencoder.Create(options, 4);
        var sampler = model.Network.Sampler!;
        sampler.DrawNoise = false;
        var eps = sampler.Noise(batch);
        var rng = new Xoshiro256(8);
        for (var i = 0; i < eps.Length; i++)
        {
            eps[i] = (float)rng.NextGaussian();
        }

        var x = TrainingTestData.Images(batch, 6, 5);
        var gradients = GradientCheckTests.Gradients(model, batch, x, x, out var loss);
        var p = model.ParameterSpan.ToArray().Select(v => (double)v).ToArray();
        var e = eps.ToArray().Select(v => (double)v).ToArray();
        var xd = x.Select(v => (double)v).ToArray();
        var reference = ReferenceLoss(p, xd, e, batch);
        Assert.True(Math.Abs(loss - reference) <= 1e-5 * Math.Abs(reference), $"loss {loss} vs reference {reference}");
        for (var i = 0; i < p.Length; i++)
        {
            var h = 1e-4 * Math.Max(1, Math.Abs(p[i]));
            var saved = p[i];
            p[i] = saved + h;
            var plus = ReferenceLoss(p, xd, e, batch);
            p[i] = saved - h;
            var minus = ReferenceLoss(p, xd, e, batch);
            p[i] = saved;
            var numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(gradients[i] - numeric) <= (1e-2 * Math.Max(Math.Abs(gradients[i]), Math.Abs(numeric))) + 2e-5, $"parameter {i}: analytic {gradients[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void SavesUnderThePeersNamesAndRoundTripsBitExact()
    {
        var model = Train(1);
        var path = Path.Combine(_dir, "vae.safetensors");
        model.Save(path);
        var (tensors, _) = TensorFile.Read(path);
        Assert.Equal(
            ["fc1.bias", "fc1.weight", "fc3.bias", "fc3.weight", "fc4.bias", "fc4.weight", "logvar.bias", "logvar.weight", "mu.bias", "mu.weight"],
            tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([4, 64], tensors["logvar.weight"].Shape);
        // mu's rows are the first half of the [mean | logvar] layer.
        var meanLogvar = model.Layers[1];
        Assert.Equal(meanLogvar.Weights[..(4 * 64)].ToArray(), tensors["mu.weight"].Data);
        Assert.Equal(meanLogvar.Bias[4..].ToArray(), tensors["logvar.bias"].Data);
        var loaded = Autoencoder.Load(path);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(TrainingTestData.Bits(model), TrainingTestData.Bits(loaded));
    }

    [Fact]
    public void AFileWithoutItsLogVarianceOrDisagreeingWithItsMetadataIsAFormatError()
    {
        var model = Autoencoder.Create(Small, 2);
        var metadata = new[] { ("format", "pt"), (Autoencoder.ArchitectureKey, ArchitectureJson.Write(Small)) };
        var all = model.StateDict();

        var missing = Path.Combine(_dir, "missing.safetensors");
        TensorFile.Write(missing, all.Where(t => !t.Name.StartsWith("logvar.", StringComparison.Ordinal)).ToList(), metadata);
        var error = Assert.Throws<FileFormatException>(() => Autoencoder.Load(missing));
        Assert.Contains("logvar.weight", error.Message);

        var wrong = Path.Combine(_dir, "wrong.safetensors");
        TensorFile.Write(wrong, all, [("format", "pt"), (Autoencoder.ArchitectureKey, ArchitectureJson.Write(Small with { LatentSize = 5 }))]);
        error = Assert.Throws<FileFormatException>(() => Autoencoder.Load(wrong));
        Assert.Contains("shape", error.Message);

        var extra = Path.Combine(_dir, "extra.safetensors");
        TensorFile.Write(extra, [.. all, ("fc5.weight", [1, 1], new float[1])], metadata);
        error = Assert.Throws<FileFormatException>(() => Autoencoder.Load(extra));
        Assert.Contains("fc5.weight", error.Message);
    }

    [Fact]
    public void EvaluationDrawsDependOnTheSeedOnlyAndTheMeanDecodesWithoutDraws()
    {
        var model = Train(1);
        var data = new FloatSamples(TrainingTestData.Images(50, 784, 9), 784);
        var first = model.Evaluate(data, seed: 3, batchSize: 16).Loss;
        Assert.Equal(first, model.Evaluate(data, seed: 3, batchSize: 16).Loss);
        Assert.NotEqual(first, model.Evaluate(data, seed: 4, batchSize: 16).Loss);
        model.SampleLatent = false;
        var atMean = model.Evaluate(data, seed: 3, batchSize: 16).Loss;
        Assert.Equal(atMean, model.Evaluate(data, seed: 4, batchSize: 16).Loss);
        Assert.NotEqual(first, atMean);
    }

    [Fact]
    public void SamplesDecodeTheSeedsPriorDrawsForAnyThreadCount()
    {
        var model = Train(1);
        var samples = model.Sample(count: 9, seed: 5);
        Assert.Equal(9 * 784, samples.Length);
        Assert.All(samples, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(samples, model.Sample(count: 9, seed: 5, threads: 2));
        Assert.NotEqual(samples, model.Sample(count: 9, seed: 6));

        // The draws are xoshiro256**'s Gaussians from the seed, decoded: the same as decoding them by hand.
        var rng = new Xoshiro256(5);
        var z = new float[9 * Small.LatentSize];
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = (float)rng.NextGaussian();
        }

        var decoded = new float[9 * 784];
        model.Decode(z, 9, decoded);
        Assert.Equal(decoded, samples);
        Assert.Empty(model.Sample(count: 0));
    }

    [Fact]
    public void OnlyAVariationalModelSamples()
    {
        var dense = Autoencoder.Create(AutoencoderOptions.Shallow, 1);
        var error = Assert.Throws<InvalidOperationException>(() => dense.Sample(4));
        Assert.Contains("variational", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Train(1).Sample(-1));
    }

    [Fact]
    public void ReconstructionLossIsPyTorchsSummedBceWithoutKerasClip()
    {
        const int batch = 3, pixels = 5;
        var z = new[] { 20f, -20f, 3f, 0f, -1.5f, 30f, 0.25f, -7f, 16.5f, 2f, -40f, 1f, 0.5f, -0.5f, 12f };
        var t = new[] { 0.5f, 1f, 0f, 0.2f, 1f, 0.99f, 0f, 0.3f, 0.7f, 1f, 0.1f, 0f, 0.9f, 0.4f, 1f };
        var dz = new float[z.Length];
        var loss = new SummedBinaryCrossEntropyFromLogits(pixels).ForwardBackward(z, t, z.Length, 2, dz);
        var perImage = new float[batch];
        VaeLoss.Forward(z, t, new float[batch], new float[batch], batch, pixels, 1, perImage);
        Assert.Equal(perImage.Average(v => (double)v), loss, 1e-3);
        // Beyond Keras' logit limit (about 16.1) the gradient is still sigmoid(z) - t, over the batch.
        Assert.Equal((1 - 0.5) / batch, dz[0], 1e-6);
        Assert.Equal((0 - 1.0) / batch, dz[1], 1e-6);
        Assert.Equal((1 - 0.99) / batch, dz[5], 1e-6);
    }

    // The peer's forward and loss in double: relu(fc1), [mu | logvar], z = mu + eps exp(logvar / 2),
    // relu(fc3), fc4 logits; BCE from the logits summed per image + KL, averaged over the batch.
    private static double ReferenceLoss(double[] p, double[] x, double[] eps, int batch)
    {
        const int input = 6, hidden = 5, latent = 3;
        var offset = 0;
        double[] Linear(double[] a, int fanIn, int fanOut)
        {
            var y = new double[fanOut];
            for (var o = 0; o < fanOut; o++)
            {
                var s = p[offset + (fanOut * fanIn) + o];
                for (var i = 0; i < fanIn; i++)
                {
                    s += p[offset + (o * fanIn) + i] * a[i];
                }

                y[o] = s;
            }

            offset += fanOut * (fanIn + 1);
            return y;
        }

        double total = 0;
        for (var n = 0; n < batch; n++)
        {
            offset = 0;
            var xi = x.AsSpan(n * input, input).ToArray();
            var h = Linear(xi, input, hidden).Select(v => Math.Max(v, 0)).ToArray();
            var ml = Linear(h, hidden, 2 * latent);
            var z = new double[latent];
            double kl = 0;
            for (var j = 0; j < latent; j++)
            {
                z[j] = ml[j] + (eps[(n * latent) + j] * Math.Exp(ml[latent + j] / 2));
                kl += 1 + ml[latent + j] - (ml[j] * ml[j]) - Math.Exp(ml[latent + j]);
            }

            var h3 = Linear(z, latent, hidden).Select(v => Math.Max(v, 0)).ToArray();
            var logits = Linear(h3, hidden, input);
            double bce = 0;
            for (var i = 0; i < input; i++)
            {
                bce += Math.Max(logits[i], 0) - (logits[i] * xi[i]) + Math.Log(1 + Math.Exp(-Math.Abs(logits[i])));
            }

            total += bce - (0.5 * kl);
        }

        return total / batch;
    }
}
