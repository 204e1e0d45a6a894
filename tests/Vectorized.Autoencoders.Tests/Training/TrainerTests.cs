using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Optimizers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>Determinism, resume, checkpoints, divergence and allocation of the training loop (synthetic data, fast).</summary>
public class TrainerTests
{
    private const int Samples = 300;
    private static readonly FloatSamples Data = new(TrainingTestData.Images(Samples, 784, 42), 784);

    private static TrainingOptions Options(int threads, int epochs = 1, float noise = 0f) =>
        new() { Epochs = epochs, BatchSize = 32, Seed = 7, Threads = threads, NoiseStd = noise };

    private static Autoencoder Train(int threads, int epochs = 1, float noise = 0f, AutoencoderOptions? architecture = null)
    {
        var model = Autoencoder.Create(architecture ?? AutoencoderOptions.Deep, 3);
        model.Fit(Data, Options(threads, epochs, noise));
        return model;
    }

    [Fact]
    public void DeepModelWeightsAreBitwiseIdenticalForOneAndTwoThreadsAndAcrossRuns()
    {
        var one = TrainingTestData.Bits(Train(1));
        var two = TrainingTestData.Bits(Train(2));
        var again = TrainingTestData.Bits(Train(1));
        Assert.Equal(one, two);
        Assert.Equal(one, again);
        // Training moved the weights (the comparison is not between untouched initial models).
        Assert.NotEqual(TrainingTestData.Bits(Autoencoder.Create(AutoencoderOptions.Deep, 3)), one);
    }

    [Fact]
    public void DenoisingIsDeterministicAndDiffersFromClean()
    {
        var noisy = TrainingTestData.Bits(Train(2, noise: 0.4f, architecture: AutoencoderOptions.Shallow));
        Assert.Equal(noisy, TrainingTestData.Bits(Train(1, noise: 0.4f, architecture: AutoencoderOptions.Shallow)));
        Assert.NotEqual(noisy, TrainingTestData.Bits(Train(1, architecture: AutoencoderOptions.Shallow)));
    }

    [Fact]
    public void ResumingFromAnEpochCheckpointFileGivesTheSameWeightsAsTrainingStraight()
    {
        var straight = Train(1, epochs: 3, architecture: AutoencoderOptions.Shallow);

        var model = Autoencoder.Create(AutoencoderOptions.Shallow, 3);
        var trainer = new Trainer(model, Options(1, epochs: 1));
        trainer.Fit(Data, null);
        var path = Path.Combine(Path.GetTempPath(), $"vecae-resume-{Guid.NewGuid():N}.safetensors");
        try
        {
            TrainingCheckpointFile.Save(path, trainer.Capture());
            var (checkpoint, _) = TrainingCheckpointFile.Load(path);
            var resumed = Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
            var next = new Trainer(resumed, Options(2, epochs: 3));
            next.Restore(checkpoint);
            next.Fit(Data, null);
            Assert.Equal(TrainingTestData.Bits(straight), TrainingTestData.Bits(resumed));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CancellingMidEpochAndResumingGivesTheSameWeightsAsTrainingStraight()
    {
        var straight = Train(1, epochs: 2, architecture: AutoencoderOptions.Shallow);

        var model = Autoencoder.Create(AutoencoderOptions.Shallow, 3);
        var options = Options(1, epochs: 2) with { ProgressInterval = 3 };
        var trainer = new Trainer(model, options);
        using var cts = new CancellationTokenSource();
        var reports = 0;
        var progress = new SyncProgress(p =>
        {
            // Stop in the second epoch, after its sixth batch.
            if (p.Epoch == 2 && ++reports == 2)
            {
                cts.Cancel();
            }
        });
        var history = trainer.Fit(Data, null, progress, cts.Token);
        Assert.True(history.Stopped);
        Assert.Equal(1, trainer.CompletedEpochs);
        Assert.Equal(6, trainer.BatchInEpoch);

        var checkpoint = trainer.Capture();
        var resumed = Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
        var next = new Trainer(resumed, options);
        next.Restore(checkpoint);
        var rest = next.Fit(Data, null);
        Assert.Equal(TrainingTestData.Bits(straight), TrainingTestData.Bits(resumed));
        Assert.Equal(2, rest.Epochs.Single().Epoch);
    }

    [Fact]
    public void PyTorchStreamsResumeBitExactFromAMidEpochCheckpointFile()
    {
        var options = Options(1, epochs: 3) with { Streams = RandomStreams.PyTorch, ProgressInterval = 2 };
        var straight = Autoencoder.Create(AutoencoderOptions.Shallow, 7, RandomStreams.PyTorch);
        new Trainer(straight, options).Fit(Data, null);

        var model = Autoencoder.Create(AutoencoderOptions.Shallow, 7, RandomStreams.PyTorch);
        var trainer = new Trainer(model, options);
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            // Stop in the second epoch, after its fourth batch.
            if (p.Epoch == 2 && p.Batch == 4)
            {
                cts.Cancel();
            }
        });
        Assert.True(trainer.Fit(Data, null, progress, cts.Token).Stopped);
        var path = Path.Combine(Path.GetTempPath(), $"vecae-resume-torch-{Guid.NewGuid():N}.safetensors");
        try
        {
            TrainingCheckpointFile.Save(path, trainer.Capture());
            var (checkpoint, _) = TrainingCheckpointFile.Load(path);
            Assert.Equal(RandomStreams.PyTorch, checkpoint.Streams);
            Assert.Equal((1, 4), (checkpoint.CompletedEpochs, checkpoint.BatchInEpoch));
            var resumed = Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
            var next = new Trainer(resumed, options with { Threads = 2 });
            next.Restore(checkpoint);
            next.Fit(Data, null);
            Assert.Equal(TrainingTestData.Bits(straight), TrainingTestData.Bits(resumed));

            // The other streams cannot continue it: their batch order would differ.
            var e = Assert.Throws<ArgumentException>(() => new Trainer(resumed, Options(1, epochs: 3)).Restore(checkpoint));
            Assert.Contains("pytorch", e.Message);
        }
        finally
        {
            File.Delete(path);
        }

        // The streams change the batch order: the same start trained on the engine's shuffle ends elsewhere.
        var vecaeOrder = Autoencoder.Create(AutoencoderOptions.Shallow, 7, RandomStreams.PyTorch);
        new Trainer(vecaeOrder, Options(1, epochs: 3)).Fit(Data, null);
        Assert.NotEqual(TrainingTestData.Bits(straight), TrainingTestData.Bits(vecaeOrder));
    }

    [Fact]
    public void ModelFileRoundTripsBitExactAndKeepsTheArchitecture()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Sparse with { LayerSizes = [784, 64, 16, 64, 784] }, 9);
        var path = Path.Combine(Path.GetTempPath(), $"vecae-model-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.Save(path);
            var loaded = Autoencoder.Load(path);
            Assert.Equal(model.Options, loaded.Options);
            Assert.Equal(TrainingTestData.Bits(model), TrainingTestData.Bits(loaded));
            Assert.Equal("encoder.1", loaded.Layers[1].Name);
            Assert.Equal("decoder.0", loaded.Layers[2].Name);
            // Same model, same bytes.
            var bytes = File.ReadAllBytes(path);
            model.Save(path);
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NonFiniteLossStopsWithoutTouchingTheParameters()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Shallow, 3);
        var poisoned = TrainingTestData.Images(64, 784, 5);
        poisoned[100] = float.NaN;
        var trainer = new Trainer(model, Options(1) with { Shuffle = false });
        var before = TrainingTestData.Bits(model);
        var e = Assert.Throws<NonFiniteLossException>(() => trainer.Fit(new FloatSamples(poisoned, 784), null));
        Assert.Equal(1, e.Batch);
        Assert.Equal(before, TrainingTestData.Bits(model));
        Assert.Equal(0, trainer.Step);
    }

    [Fact]
    public void SteadyStateTrainingStepsAllocateNothing()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Deep, 3);
        var trainer = new Trainer(model, Options(1));
        var indices = new int[32];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i * 3;
        }

        // Past the JIT's tiering thresholds, so only the steady state is measured.
        for (var i = 0; i < 100; i++)
        {
            trainer.TrainBatch(Data, null, indices);
        }

        Thread.Sleep(200);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++)
        {
            trainer.TrainBatch(Data, null, indices);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void DefaultsAreTheArticlesAndKeras()
    {
        var adam = new AdamOptions();
        Assert.Equal(1e-3f, adam.LearningRate);
        Assert.Equal(0.9f, adam.Beta1);
        Assert.Equal(0.999f, adam.Beta2);
        Assert.Equal(1e-7f, adam.Epsilon);
        Assert.Equal(32, new TrainingOptions().BatchSize);
        Assert.True(new TrainingOptions().Shuffle);
        Assert.Equal([784, 128, 32, 128, 784], AutoencoderOptions.Deep.LayerSizes);
        Assert.Equal([784, 32, 784], AutoencoderOptions.Shallow.LayerSizes);
        Assert.Equal(1e-5f, AutoencoderOptions.Sparse.CodeRegularizer.L1);
        Assert.False(AutoencoderOptions.Sparse.CodeRegularizer.PerSample);
        Assert.Equal(1, Autoencoder.Create(AutoencoderOptions.Deep, 1).CodeLayer);
        Assert.Equal(32, Autoencoder.Create(AutoencoderOptions.Deep, 1).CodeSize);
    }

    [Fact]
    public void AdamFollowsKeras20BiasCorrection()
    {
        // One step from zero moments: m = 0.1 g, v = 0.001 g^2, lr_t = lr sqrt(0.001) / 0.1.
        var p = new[] { 1f, -2f };
        var m = new float[2];
        var v = new float[2];
        Adam.Step([0.5f, -3f], new AdamOptions(), 1, p, m, v);
        var lrT = 1e-3 * Math.Sqrt(1 - 0.999) / (1 - 0.9);
        Assert.Equal(1 - lrT * 0.05 / (Math.Sqrt(0.001 * 0.25) + 1e-7), p[0], 1e-6);
        Assert.Equal(-2 + lrT * 0.3 / (Math.Sqrt(0.001 * 9) + 1e-7), p[1], 1e-6);
    }

    [Fact]
    public void GlorotUniformStaysWithinItsLimitAndBiasesStartAtZero()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Deep, 4);
        var first = model.Layers[0];
        var limit = MathF.Sqrt(6f / (784 + 128));
        Assert.All(first.Weights.ToArray(), w => Assert.InRange(w, -limit, limit));
        Assert.True(first.Weights.ToArray().Max() > 0.9f * limit);
        Assert.All(first.Bias.ToArray(), b => Assert.Equal(0f, b));
    }
}
