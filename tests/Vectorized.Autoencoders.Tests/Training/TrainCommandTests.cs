using System.Text.Json;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary><c>vecae train/eval/encode</c> end to end on a tiny MNIST-layout folder written for the test.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vecae-cli-{Guid.NewGuid():N}");

    public TrainCommandTests()
    {
        var data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        WriteSet(data, "train", 160, 1);
        WriteSet(data, "t10k", 40, 2);
    }

    private string Data => Path.Combine(_root, "data");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void TrainPrintsOneJsonObjectPerEpochAndWritesModelCheckpointAndHistory()
    {
        var outDir = Path.Combine(_root, "out");
        var (code, stdout, _) = Run("train", "--model", "shallow", "--epochs", "2", "--threads", "2", "--data", Data, "--out", outDir, "--json", "--quiet");
        Assert.Equal(0, code);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            Assert.Equal(i + 1, doc.RootElement.GetProperty("epoch").GetInt32());
            foreach (var key in new[] { "train_loss", "test_loss", "mean_code", "seconds" })
            {
                Assert.True(double.IsFinite(doc.RootElement.GetProperty(key).GetDouble()), key);
            }
        }

        Assert.True(File.Exists(Path.Combine(outDir, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(outDir, "checkpoint.safetensors")));
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "history.json")));
        Assert.Equal(2, history.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void ResumeGivesTheSameModelFileAsTrainingStraight()
    {
        var straight = Path.Combine(_root, "straight");
        var split = Path.Combine(_root, "split");
        string[] common = ["--model", "shallow", "--data", Data, "--quiet", "--seed", "4"];
        Assert.Equal(0, Run(["train", .. common, "--epochs", "3", "--threads", "1", "--out", straight]).Code);
        Assert.Equal(0, Run(["train", .. common, "--epochs", "1", "--threads", "2", "--out", split]).Code);
        Assert.Equal(0, Run(["train", .. common, "--epochs", "3", "--threads", "1", "--out", split, "--resume", Path.Combine(split, "checkpoint.safetensors")]).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(split, "model.safetensors")));
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(split, "history.json")));
        Assert.Equal(3, history.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void AResumeWithNoEpochsLeftSaysSoAndKeepsTheModel()
    {
        var dir = Path.Combine(_root, "none-left");
        string[] common = ["--model", "shallow", "--data", Data, "--seed", "4", "--out", dir];
        Assert.Equal(0, Run(["train", .. common, "--epochs", "2", "--quiet"]).Code);
        var model = File.ReadAllBytes(Path.Combine(dir, "model.safetensors"));
        var checkpoint = Path.Combine(dir, "checkpoint.safetensors");
        var (code, stdout, stderr) = Run(["train", .. common, "--epochs", "2", "--resume", checkpoint]);
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Equal($"train: {checkpoint} has completed 2 epochs and --epochs 2 is the total, so there is nothing to train; give --epochs 3 or more to continue", stderr.TrimEnd());
        Assert.Equal(model, File.ReadAllBytes(Path.Combine(dir, "model.safetensors")));
        var fresh = Run("train", "--model", "shallow", "--data", Data, "--epochs", "0", "--out", Path.Combine(_root, "untrained"));
        Assert.Equal(0, fresh.Code);
        Assert.StartsWith("train: --epochs 0: writing the initial weights, untrained, to ", fresh.Err);
    }

    [Fact]
    public void PyTorchStreamsResumeWithoutTheFlagAndRefuseTheOtherStreams()
    {
        var straight = Path.Combine(_root, "torch-straight");
        var split = Path.Combine(_root, "torch-split");
        string[] common = ["--model", "shallow", "--data", Data, "--quiet", "--seed", "4", "--threads", "1"];
        Assert.Equal(0, Run(["train", .. common, "--rng", "pytorch", "--epochs", "3", "--out", straight]).Code);
        Assert.Equal(0, Run(["train", .. common, "--rng", "pytorch", "--epochs", "1", "--out", split]).Code);
        var checkpoint = Path.Combine(split, "checkpoint.safetensors");
        AssertUsageError("--rng vecae contradicts the checkpoint's pytorch", ["train", .. common, "--rng", "vecae", "--epochs", "3", "--out", split, "--resume", checkpoint]);
        // No --rng: the checkpoint's streams.
        Assert.Equal(0, Run(["train", .. common, "--epochs", "3", "--out", split, "--resume", checkpoint]).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(split, "model.safetensors")));
        using var history = JsonDocument.Parse(File.ReadAllText(Path.Combine(split, "history.json")));
        Assert.Equal("pytorch", history.RootElement.GetProperty("rng").GetString());
        // The dense models step as the article's Keras does, whatever the streams.
        Assert.Equal("keras", history.RootElement.GetProperty("adam").GetString());

        var vecae = Path.Combine(_root, "vecae-straight");
        Assert.Equal(0, Run(["train", .. common, "--rng", "vecae", "--epochs", "3", "--out", vecae]).Code);
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(vecae, "model.safetensors")));

        // The command's default is PyTorch's streams (the reference's seeds are PyTorch's).
        var defaulted = Path.Combine(_root, "default-straight");
        Assert.Equal(0, Run(["train", .. common, "--epochs", "3", "--out", defaulted]).Code);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(defaulted, "model.safetensors")));
    }

    [Fact]
    public void PyTorchStreamsGiveTorchsInitialWeightsInTheModelFile()
    {
        var outDir = Path.Combine(_root, "torch-init");
        Assert.Equal(0, Run("train", "--model", "deep", "--epochs", "0", "--seed", "2", "--rng", "pytorch", "--data", Data, "--out", outDir, "--quiet").Code);
        var saved = Autoencoder.Load(Path.Combine(outDir, "model.safetensors"));
        var expected = Autoencoder.Create(AutoencoderOptions.Deep, 2, RandomStreams.PyTorch);
        Assert.Equal(expected.ParameterSpan.ToArray(), saved.ParameterSpan.ToArray());
    }

    [Fact]
    public void EvalAndEncodeReadTheTrainedModel()
    {
        var outDir = Path.Combine(_root, "m");
        Assert.Equal(0, Run("train", "--model", "sparse", "--epochs", "1", "--data", Data, "--out", outDir, "--quiet").Code);
        var model = Path.Combine(outDir, "model.safetensors");
        var (code, stdout, _) = Run("eval", "--model", model, "--data", Data, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.InRange(doc.RootElement.GetProperty("test_loss").GetDouble(), 0.01, 2.0);
        Assert.InRange(doc.RootElement.GetProperty("zero_fraction").GetDouble(), 0.0, 1.0);
        Assert.Equal(40, doc.RootElement.GetProperty("count").GetInt32());

        var codes = Path.Combine(_root, "codes.idx");
        Assert.Equal(0, Run("encode", "--model", model, "--data", Data, "--out", codes).Code);
        var idx = IdxReader.Read(codes);
        Assert.Equal(IdxType.Float32, idx.Type);
        Assert.Equal([40, 32], idx.Dimensions.ToArray());
    }

    [Theory]
    [InlineData("train", "--model", "bogus")]
    [InlineData("train", "--epochs", "two")]
    [InlineData("train", "--layers", "784,x,784")]
    [InlineData("train", "--loss", "hinge")]
    [InlineData("train", "--activation", "swish")]
    [InlineData("train", "--rng", "numpy")]
    [InlineData("train", "--adam", "adamw")]
    [InlineData("train", "--optimizer", "sgd", "--adam", "keras")]
    [InlineData("train", "--resume", "/nonexistent/checkpoint.safetensors")]
    [InlineData("train", "--frobnicate")]
    [InlineData("eval")]
    [InlineData("eval", "--model", "/nonexistent/model.safetensors")]
    [InlineData("encode", "--model", "/nonexistent/model.safetensors")]
    public void BadInputIsOneErrorLineAndCode2(params string[] args)
    {
        var (code, _, stderr) = Run([.. args, "--data", Data]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void MissingDataFolderNamesIt()
    {
        var (code, _, stderr) = Run("train", "--data", "/nonexistent/mnist");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/mnist", stderr);
    }

    [Fact]
    public void AModelFileIsNotACheckpoint()
    {
        var outDir = Path.Combine(_root, "m2");
        Assert.Equal(0, Run("train", "--model", "shallow", "--epochs", "1", "--data", Data, "--out", outDir, "--quiet").Code);
        var (code, _, stderr) = Run("train", "--data", Data, "--resume", Path.Combine(outDir, "model.safetensors"));
        Assert.Equal(2, code);
        Assert.Contains("not a training checkpoint", stderr);
    }

    [Theory]
    [InlineData("train")]
    [InlineData("eval")]
    [InlineData("encode")]
    public void HelpDescribesTheCommand(string command)
    {
        var (code, stdout, _) = Run(command, "--help");
        Assert.Equal(0, code);
        Assert.StartsWith($"usage: vecae {command}", stdout);
    }

    [Fact]
    public void HelpSaysWhatQuietLeavesOut()
    {
        var (_, stdout, _) = Run("train", "--help");
        Assert.Contains("--quiet drops the progress bar", stdout);
    }

    private static void WriteSet(string dir, string prefix, int count, int seed)
    {
        var pixels = new byte[count * 784];
        new Random(seed).NextBytes(pixels);
        for (var i = 0; i < pixels.Length; i++)
        {
            // Mostly black like MNIST.
            pixels[i] = pixels[i] < 160 ? (byte)0 : pixels[i];
        }

        var labels = new byte[count];
        IdxWriter.Write(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), IdxArray.Create<byte>(pixels, count, 28, 28));
        IdxWriter.Write(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), IdxArray.Create<byte>(labels, count));
    }
}
