using System.Runtime.InteropServices;
using System.Text.Json;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Tests.Data;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// <see cref="RandomStreams.PyTorch"/> against tests/Golden/torch-rng.json, which tools/torch-rng-golden.py
/// wrote with PyTorch 1.13 by replaying the peer script (<c>pytorch_ae.py --init keras --seed N</c>):
/// the initial weights bit for bit and the first two epochs' <c>randperm(60000)</c>.
/// </summary>
public class TorchRandomStreamsTests
{
    private const int TrainCount = 60000;

    /// <summary>The engine's own initial deep model for seed 1 (computed from the model file of the commit before PyTorch streams existed).</summary>
    private const ulong VecaeDeepSeed1Checksum = 8867157965976605260;

    /// <summary>The dense peer's models (pytorch_ae.py) and the convolutional peer's (pytorch_convae.py).</summary>
    public static TheoryData<string, int> Cases => new()
    {
        { "deep", 1 }, { "deep", 2 }, { "deep", 3 }, { "shallow", 1 }, { "shallow", 2 }, { "shallow", 3 },
        { "conv", 1 }, { "conv", 2 }, { "conv", 3 }, { "conv-denoising", 1 }, { "conv-denoising", 2 }, { "conv-denoising", 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void InitialWeightsAreTorchsBitForBit(string name, int seed)
    {
        var golden = Golden.Case(name, seed);
        var model = Autoencoder.Create(Architecture(name), seed, RandomStreams.PyTorch, Golden.Noise(name, seed));
        var tensors = model.StateDict();
        var weights = tensors.Where(t => t.Name.EndsWith(".weight", StringComparison.Ordinal)).ToArray();
        Assert.Equal(golden.Weights.Length, weights.Length);
        for (var l = 0; l < weights.Length; l++)
        {
            var w = MemoryMarshal.Cast<float, uint>(weights[l].Data.Span);
            Assert.Equal(golden.Weights[l].First, w[..8].ToArray());
            Assert.Equal(golden.Weights[l].Last, w[^8..].ToArray());
        }

        Assert.All(tensors.Where(t => t.Name.EndsWith(".bias", StringComparison.Ordinal)), t => Assert.All(t.Data.ToArray(), b => Assert.Equal(0f, b)));
        // Every parameter, not only the sampled ends.
        Assert.Equal(golden.Checksum, WeightedSum(MemoryMarshal.Cast<float, uint>(model.ParameterSpan)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EpochOrdersAreTorchsRandpermAfterTheInitialization(string name, int seed)
    {
        var golden = Golden.Case(name, seed);
        var rng = TorchReplay.AfterInitialization(seed, Architecture(name), Golden.Noise(name, seed) > 0f);
        var order = new int[TrainCount];
        foreach (var epoch in golden.Epochs)
        {
            TorchRandom.Randperm(rng, order);
            Assert.Equal(epoch.First, order[..16]);
            Assert.Equal(epoch.Checksum, WeightedSum(MemoryMarshal.Cast<int, uint>(order)));
        }
    }

    [Fact]
    public void NoiseMovesOnlyAConvolutionalModelsPyTorchWeights()
    {
        Assert.NotEqual(
            TrainingTestData.Bits(Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 1, RandomStreams.PyTorch, 0.4f)),
            TrainingTestData.Bits(Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 1, RandomStreams.PyTorch)));
        Assert.Equal(
            TrainingTestData.Bits(Autoencoder.Create(AutoencoderOptions.Shallow, 1, RandomStreams.PyTorch, 0.4f)),
            TrainingTestData.Bits(Autoencoder.Create(AutoencoderOptions.Shallow, 1, RandomStreams.PyTorch)));
    }

    [Theory]
    [InlineData(16L, 16L)]
    [InlineData(47_040_000L, 47_040_000L)]
    // A size off the multiple of 16 measured with torch 1.13: randn(1000003) moves the generator as rand(1000019).
    [InlineData(1_000_003L, 1_000_019L)]
    public void RandnDrawsAreTorchsNormalFill(long elements, long draws) => Assert.Equal(draws, TorchRandom.RandnDraws(elements));

    [Fact]
    public void TrainerShufflesWithTorchsRandpermAndContinuesTheGeneratorIntoTheNextEpoch()
    {
        var golden = Golden.Case("deep", 1);
        var model = Autoencoder.Create(AutoencoderOptions.Deep, 1, RandomStreams.PyTorch);
        var source = new RecordingSource(TrainCount);
        // The order does not depend on the batch size; a large one keeps the epoch quick.
        var options = new TrainingOptions { Epochs = 2, BatchSize = 250, Seed = 1, Threads = 2, Streams = RandomStreams.PyTorch, ProgressInterval = 1 };
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Epoch == 2)
            {
                cts.Cancel();
            }
        });
        new Trainer(model, options).Fit(source, null, progress, cts.Token);

        var seen = source.Indices.ToArray();
        Assert.Equal(TrainCount + 250, seen.Length);
        Assert.Equal(golden.Epochs[0].First, seen[..16]);
        Assert.Equal(golden.Epochs[0].Checksum, WeightedSum(MemoryMarshal.Cast<int, uint>(seen.AsSpan(0, TrainCount))));
        Assert.Equal(golden.Epochs[1].First, seen[TrainCount..(TrainCount + 16)]);
    }

    [Fact]
    public void ARestoredTrainerRebuildsTheGeneratorFromSeedArchitectureAndEpoch()
    {
        var golden = Golden.Case("shallow", 3);
        var options = new TrainingOptions { Epochs = 5, BatchSize = 32, Seed = 3, Streams = RandomStreams.PyTorch };
        var model = Autoencoder.Create(AutoencoderOptions.Shallow, 3, RandomStreams.PyTorch);
        // A state at the start of epoch 2, as a checkpoint written after epoch 1 would hold.
        var checkpoint = new Trainer(model, options).Capture() with { CompletedEpochs = 1 };
        var trainer = new Trainer(model, options);
        trainer.Restore(checkpoint);
        var source = new RecordingSource(TrainCount);
        using var cts = new CancellationTokenSource();
        trainer.RunEpoch(source, null, new SyncProgress(_ => cts.Cancel()), cts.Token);
        Assert.Equal(golden.Epochs[1].First, source.Indices.Take(16));
    }

    [Fact]
    public void VecaeStreamsKeepTheEnginesOwnWeights()
    {
        foreach (var architecture in new[] { AutoencoderOptions.Deep, AutoencoderOptions.Shallow })
        {
            Assert.Equal(TrainingTestData.Bits(Autoencoder.Create(architecture, 1)), TrainingTestData.Bits(Autoencoder.Create(architecture, 1, RandomStreams.Vecae)));
        }

        // Pinned: the engine's Glorot-uniform weights of the deep model, seed 1, as before the option existed.
        Assert.Equal(VecaeDeepSeed1Checksum, WeightedSum(MemoryMarshal.Cast<float, uint>(Autoencoder.Create(AutoencoderOptions.Deep, 1).ParameterSpan)));
        Assert.Equal(RandomStreams.Vecae, new TrainingOptions().Streams);
    }

    [Theory]
    [InlineData(Initializer.GlorotNormal)]
    [InlineData(Initializer.HeUniform)]
    [InlineData(Initializer.HeNormal)]
    [InlineData(Initializer.TorchUniform)]
    public void OtherInitializersAreNotSupportedWithPyTorchStreams(Initializer initializer)
    {
        var e = Assert.Throws<NotSupportedException>(() => Autoencoder.Create(AutoencoderOptions.Shallow with { Initializer = initializer }, 1, RandomStreams.PyTorch));
        Assert.Contains(WeightInitialization.Name(initializer), e.Message);
    }

    private static AutoencoderOptions Architecture(string name) => name switch
    {
        "deep" => AutoencoderOptions.Deep,
        "conv" => AutoencoderOptions.Convolutional,
        "conv-denoising" => AutoencoderOptions.ConvolutionalDenoising,
        _ => AutoencoderOptions.Shallow,
    };

    /// <summary>The golden files' checksum (torch-rng.json, torch-vae.json): sum of (k + 1) * values[k], mod 2^64.</summary>
    internal static ulong WeightedSum(ReadOnlySpan<uint> values)
    {
        ulong sum = 0;
        for (var k = 0; k < values.Length; k++)
        {
            sum += (ulong)(k + 1) * values[k];
        }

        return sum;
    }

    private sealed record GoldenLayer(uint[] First, uint[] Last);

    private sealed record GoldenEpoch(int[] First, ulong Checksum);

    private sealed record GoldenCase(GoldenLayer[] Weights, ulong Checksum, GoldenEpoch[] Epochs);

    private static class Golden
    {
        private static readonly JsonElement Root = RepositoryPaths.GoldenJson("torch-rng.json");

        public static GoldenCase Case(string model, int seed)
        {
            var c = Root.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("model").GetString() == model && c.GetProperty("seed").GetInt32() == seed);
            Assert.Equal(TrainCount, c.GetProperty("train_count").GetInt32());
            return new GoldenCase(
                c.GetProperty("weights").EnumerateArray().Select(w => new GoldenLayer(UInts(w.GetProperty("first")), UInts(w.GetProperty("last")))).ToArray(),
                c.GetProperty("checksum").GetUInt64(),
                c.GetProperty("epochs").EnumerateArray().Select(e => new GoldenEpoch(e.GetProperty("first").EnumerateArray().Select(v => v.GetInt32()).ToArray(), e.GetProperty("checksum").GetUInt64())).ToArray());
        }

        /// <summary>The noise the case's peer run trained on (0 for the dense cases, which do not record it).</summary>
        public static float Noise(string model, int seed) =>
            Cases().Single(c => c.GetProperty("model").GetString() == model && c.GetProperty("seed").GetInt32() == seed).TryGetProperty("noise", out var noise)
                ? noise.GetSingle()
                : 0f;

        private static IEnumerable<JsonElement> Cases() => Root.GetProperty("cases").EnumerateArray();

        private static uint[] UInts(JsonElement array) => array.EnumerateArray().Select(v => v.GetUInt32()).ToArray();
    }

    /// <summary>All-zero samples that record which ones each batch asked for, in order.</summary>
    private sealed class RecordingSource(int count) : ISampleSource
    {
        public List<int> Indices { get; } = new(count + 1000);

        public int Count => count;

        public int SampleSize => AutoencoderOptions.MnistInputSize;

        public void CopyBatch(ReadOnlySpan<int> indices, Span<float> destination)
        {
            foreach (var i in indices)
            {
                Indices.Add(i);
            }

            destination[..(indices.Length * SampleSize)].Clear();
        }
    }
}
