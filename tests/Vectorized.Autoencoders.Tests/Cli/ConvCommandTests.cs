using System.Text.Json;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Serialization;
using Vectorized.Autoencoders.Training;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary>
/// <c>vecae train --model conv | conv-denoising</c> end to end on a tiny MNIST-layout folder, with
/// eval, encode and bench train on their files, and the mistakes: malformed files, flags a fixed
/// architecture refuses; its figures, with its first convolution's kernels as the filters. (Its ONNX export is tested against ONNX Runtime
/// in the OnnxTests project.)
/// </summary>
public sealed class ConvCommandTests : IDisposable
{
    private readonly TinyMnist _data = new(train: 64, test: 16);
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vecae-conv-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private string Train(string model, string name, params string[] extra)
    {
        var dir = Path.Combine(_out, name);
        var (code, stdout, err) = Run(["train", "--model", model, "--epochs", "1", "--batch", "32", "--data", _data.Path, "--out", dir, "--quiet", .. extra]);
        Assert.True(code == 0, err);
        Assert.Single(stdout.Trim().Split('\n'));
        return Path.Combine(dir, "model.safetensors");
    }

    [Theory]
    [InlineData("conv")]
    [InlineData("conv-denoising")]
    public void TrainWritesAConvolutionalModelWhoseFileIsTheSameForOneAndTwoThreads(string model)
    {
        var one = Train(model, "one", "--threads", "1");
        var two = Train(model, "two", "--threads", "2");
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        var loaded = Autoencoder.Load(one);
        Assert.True(loaded.Options.IsConvolutional);
        Assert.Equal(model == "conv" ? 128 : 1568, loaded.CodeSize);
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "one", "history.json")));
        Assert.Equal("pytorch", history.RootElement.GetProperty("rng").GetString());
        Assert.Equal("pytorch", history.RootElement.GetProperty("adam").GetString());
        Assert.Equal(model == "conv" ? 0 : 0.4, history.RootElement.GetProperty("noise").GetDouble(), 6);
    }

    [Fact]
    public void ResumingTheDenoiserContinuesBitForBit()
    {
        var first = Path.Combine(_out, "first");
        var (code, _, err) = Run("train", "--model", "conv-denoising", "--epochs", "1", "--batch", "32", "--data", _data.Path, "--out", first, "--quiet");
        Assert.True(code == 0, err);
        (code, _, err) = Run("train", "--resume", Path.Combine(first, "checkpoint.safetensors"), "--epochs", "2", "--data", _data.Path, "--out", first, "--quiet");
        Assert.True(code == 0, err);
        var whole = Path.Combine(_out, "whole");
        (code, _, err) = Run("train", "--model", "conv-denoising", "--epochs", "2", "--batch", "32", "--data", _data.Path, "--out", whole, "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(first, "model.safetensors")));
    }

    [Theory]
    [InlineData("conv", 0f)]
    [InlineData("conv-denoising", 0.4f)]
    public void PyTorchStreamsStartFromThePeersWeightsAndResumeBitForBit(string model, float noise)
    {
        var start = Path.Combine(_out, "start");
        var (code, _, err) = Run("train", "--model", model, "--rng", "pytorch", "--seed", "2", "--epochs", "0", "--data", _data.Path, "--out", start, "--quiet");
        Assert.True(code == 0, err);
        var options = model == "conv" ? AutoencoderOptions.Convolutional : AutoencoderOptions.ConvolutionalDenoising;
        var peer = Autoencoder.Create(options, 2, Autoencoders.Randomness.RandomStreams.PyTorch, noise);
        Assert.Equal(peer.ParameterSpan.ToArray(), Autoencoder.Load(Path.Combine(start, "model.safetensors")).ParameterSpan.ToArray());

        var first = Path.Combine(_out, "first");
        (code, _, err) = Run("train", "--model", model, "--rng", "pytorch", "--epochs", "1", "--batch", "32", "--data", _data.Path, "--out", first, "--quiet");
        Assert.True(code == 0, err);
        (code, _, err) = Run("train", "--resume", Path.Combine(first, "checkpoint.safetensors"), "--epochs", "2", "--data", _data.Path, "--out", first, "--quiet");
        Assert.True(code == 0, err);
        var whole = Path.Combine(_out, "whole");
        (code, _, err) = Run("train", "--model", model, "--rng", "pytorch", "--epochs", "2", "--batch", "32", "--data", _data.Path, "--out", whole, "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(first, "model.safetensors")));
        var vecae = Path.Combine(_out, "vecae");
        (code, _, err) = Run("train", "--model", model, "--rng", "vecae", "--epochs", "2", "--batch", "32", "--data", _data.Path, "--out", vecae, "--quiet");
        Assert.True(code == 0, err);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(whole, "model.safetensors")), File.ReadAllBytes(Path.Combine(vecae, "model.safetensors")));
    }

    [Fact]
    public void ACheckpointFromBeforeTheAdamKeyResumesInKerasForm()
    {
        // Checkpoints written before --adam existed all stepped in Keras' form, conv models included.
        var first = Path.Combine(_out, "first");
        var (code, _, err) = Run("train", "--model", "conv", "--adam", "keras", "--epochs", "1", "--batch", "32", "--data", _data.Path, "--out", first, "--quiet");
        Assert.True(code == 0, err);
        var checkpoint = Path.Combine(first, "checkpoint.safetensors");
        var (state, metadata) = TrainingCheckpointFile.Load(checkpoint);
        Assert.Equal("keras", metadata["adam"]);
        string[] runKeys = ["model", "seed", "noise", "batch", "lr", "optimizer", "limit", TrainHistoryMetadata.Key];
        TrainingCheckpointFile.Save(checkpoint, state, [.. runKeys.Select(k => (k, metadata[k]))]);
        (code, _, err) = Run("train", "--resume", checkpoint, "--epochs", "2", "--data", _data.Path, "--out", first, "--quiet");
        Assert.True(code == 0, err);

        byte[] Straight(string form)
        {
            var dir = Path.Combine(_out, form);
            var (c, _, e) = Run("train", "--model", "conv", "--adam", form, "--epochs", "2", "--batch", "32", "--data", _data.Path, "--out", dir, "--quiet");
            Assert.True(c == 0, e);
            return File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
        }

        var resumed = File.ReadAllBytes(Path.Combine(first, "model.safetensors"));
        Assert.Equal(Straight("keras"), resumed);
        Assert.NotEqual(Straight("pytorch"), resumed);
    }

    [Fact]
    public void ThePresetsTrainInBatchesOf128()
    {
        Assert.Equal(128, TrainPresets.DefaultBatch("conv"));
        Assert.Equal(128, TrainPresets.DefaultBatch("conv-denoising"));
        Assert.Equal((22, 0f), (TrainPresets.Get("conv").Epochs, TrainPresets.Get("conv").Noise));
        Assert.Equal((10, 0.4f), (TrainPresets.Get("conv-denoising").Epochs, TrainPresets.Get("conv-denoising").Noise));
        var dir = Path.Combine(_out, "defaults");
        var (code, _, err) = Run("train", "--model", "conv", "--epochs", "1", "--data", _data.Path, "--out", dir, "--quiet");
        Assert.True(code == 0, err);
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "history.json")));
        Assert.Equal(128, history.RootElement.GetProperty("batch").GetInt32());
    }

    [Fact]
    public void EvalAndEncodeReadTheModel()
    {
        var model = Train("conv", "eval");
        var (code, stdout, err) = Run("eval", "--model", model, "--data", _data.Path, "--threads", "2");
        Assert.True(code == 0, err);
        // A per-pixel mean BCE: below ln 2 after training from a 0.5 output, far from a per-image sum.
        var loss = double.Parse(stdout.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(loss, 0.01, 1.0);

        var codes = Path.Combine(_out, "codes.npy");
        (code, _, err) = Run("encode", "--model", model, "--data", _data.Path, "--out", codes);
        Assert.True(code == 0, err);
        Assert.Contains("16 codes of 128 values", err);
    }

    [Fact]
    public void BenchTrainRunsTheConvolutionalModels()
    {
        var (code, output, err) = Run("bench", "train", "--model", "conv", "--batch", "32", "--threads", "2", "--epochs", "2", "--data", _data.Path, "--json");
        Assert.True(code == 0, err);
        Assert.Equal(2, output.Trim().Split('\n').Length);
        using var doc = JsonDocument.Parse(output.Split('\n')[0]);
        Assert.Equal("conv", doc.RootElement.GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("conv")]
    [InlineData("conv-denoising")]
    public void BenchGemmFlopsFollowTheLibrarysLayers(string model)
    {
        var options = model == "conv" ? AutoencoderOptions.Convolutional : AutoencoderOptions.ConvolutionalDenoising;
        double all = 0, allButFirst = 0;
        foreach (var conv in Autoencoder.Create(options, 1).Network.Layers.OfType<Conv2DLayer>())
        {
            var multiplies = (double)conv.Geometry.WeightCount * conv.Geometry.OutPlane;
            allButFirst += all > 0 ? multiplies : 0;
            all += multiplies;
        }

        Assert.Equal(2 * ((2 * all) + allButFirst), BenchTrain.GemmFlopsPerSample(options));
    }

    [Fact]
    public void AConvTensorShapedUnlikeTheMetadataOrMissingIsAOneLineError()
    {
        var model = Train("conv", "broken");
        var file = SafetensorsFile.Read(model);
        var metadata = new Dictionary<string, string>(file.Metadata);

        // dec.6 (8 -> 16) saved as if it were 8 -> 8: [8, 8, 3, 3] where the metadata needs [16, 8, 3, 3].
        var wrongShape = Path.Combine(_out, "shape.safetensors");
        SafetensorsWriter.Write(wrongShape, file.Tensors.Select(t => t.Name == "dec.6.weight"
            ? NamedTensor.Float32(t.Name, file.GetFloat32(t.Name).AsMemory(0, 8 * 8 * 9), [8, 8, 3, 3])
            : NamedTensor.Float32(t.Name, file.GetFloat32(t.Name), [.. t.Shape])).ToList(), metadata);
        AssertUsageError($"{wrongShape}: tensor 'dec.6.weight' has shape [8, 8, 3, 3]", "eval", "--model", wrongShape, "--data", _data.Path);
        AssertUsageError("needs [16, 8, 3, 3]", "encode", "--model", wrongShape, "--data", _data.Path, "--out", Path.Combine(_out, "c.npy"));

        var missing = Path.Combine(_out, "missing.safetensors");
        SafetensorsWriter.Write(missing, file.Tensors.Where(t => t.Name != "enc.3.bias")
            .Select(t => NamedTensor.Float32(t.Name, file.GetFloat32(t.Name), [.. t.Shape])).ToList(), metadata);
        AssertUsageError($"{missing}: tensor 'enc.3.bias' is missing", "eval", "--model", missing, "--data", _data.Path);
    }

    [Fact]
    public void MistakesAreOneLineErrors()
    {
        var dir = Path.Combine(_out, "mistakes");
        AssertUsageError("--layers is not for --model conv: its layers are the Keras blog's, fixed", "train", "--model", "conv", "--layers", "784,32,784", "--data", _data.Path, "--out", dir);
        AssertUsageError("convolutional autoencoder is fixed", "train", "--model", "conv", "--activation", "tanh", "--data", _data.Path, "--out", dir);
        AssertUsageError("--latent is for --model vae", "train", "--model", "conv-denoising", "--latent", "2", "--data", _data.Path, "--out", dir);
        var model = Train("conv", "export");
        AssertUsageError("figures: --first 16 is past the first layer's 16 channels", "figures", "--model", model, "--data", _data.Path, "--out", Path.Combine(_out, "figures"), "--first", "16");
    }

    [Fact]
    public void FiguresDrawAConvolutionalModelWithItsFirstKernelsAsFilters()
    {
        var model = Train("conv-denoising", "figures");
        var output = Path.Combine(_out, "figures-out");
        var (code, stdout, err) = Run("figures", "--model", model, "--data", _data.Path, "--out", output, "--noise", "0.4", "--count", "3", "--first", "4", "--filters", "40");
        Assert.True(code == 0, err);
        Assert.Equal(["reconstructions.png", "denoising.png", "filters.png", "code-density.svg"], stdout.TrimEnd().Split('\n').Select(p => Path.GetFileName(p)!));

        // The filters are enc.0's 3x3 kernels, channels 4 to 31 (--filters is cut to the 32 there are).
        var kernels = SafetensorsFile.Read(model).GetFloat32("enc.0.weight");
        var expected = Path.Combine(_out, "expected.png");
        ArticleFigures.Filters("model: first-layer filters", kernels, 32, 4, 28, 3, 3, "channel").SavePng(expected);
        Assert.Equal(File.ReadAllBytes(expected), File.ReadAllBytes(Path.Combine(output, "filters.png")));
        Assert.Contains("1568 code units", File.ReadAllText(Path.Combine(output, "code-density.svg")));
    }
}
