using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Serialization;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary><c>vecae train --model vae</c>, <c>eval</c> and <c>sample</c> end to end on a tiny MNIST-layout folder.</summary>
public sealed class VaeCommandTests : IDisposable
{
    private readonly TinyMnist _data = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vecae-vae-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private string TrainSmall(string name, params string[] extra)
    {
        var dir = Path.Combine(_out, name);
        var (code, stdout, err) = Run(["train", "--model", "vae", "--layers", "784,32", "--latent", "2", "--epochs", "2", "--data", _data.Path, "--out", dir, "--quiet", .. extra]);
        Assert.True(code == 0, err);
        Assert.Equal(2, stdout.Trim().Split('\n').Length);
        return Path.Combine(dir, "model.safetensors");
    }

    [Fact]
    public void TrainWritesAVariationalModelWhoseFileIsTheSameForOneAndTwoThreads()
    {
        var one = TrainSmall("one", "--threads", "1");
        var two = TrainSmall("two", "--threads", "2");
        Assert.Equal(File.ReadAllBytes(one), File.ReadAllBytes(two));
        var model = Autoencoder.Load(one);
        Assert.True(model.Options.IsVariational);
        Assert.Equal(2, model.Options.LatentSize);
        Assert.Equal([784, 32], model.Options.LayerSizes);
        Assert.Equal(2, model.CodeSize);
    }

    [Fact]
    public void ResumeGivesTheSameModelFileAsTrainingStraight()
    {
        var straight = TrainSmall("straight", "--threads", "1", "--seed", "5");
        var split = Path.Combine(_out, "split");
        string[] common = ["train", "--model", "vae", "--layers", "784,32", "--latent", "2", "--data", _data.Path, "--out", split, "--quiet", "--seed", "5"];
        Assert.Equal(0, Run([.. common, "--epochs", "1", "--threads", "2"]).Code);
        var checkpoint = Path.Combine(split, "checkpoint.safetensors");
        var (code, _, err) = Run([.. common, "--epochs", "2", "--threads", "1", "--resume", checkpoint]);
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(straight), File.ReadAllBytes(Path.Combine(split, "model.safetensors")));

        // A checkpoint written before the eps stream's state was stored is refused, not continued inexactly.
        var file = SafetensorsFile.Read(checkpoint);
        var metadata = new Dictionary<string, string>(file.Metadata);
        Assert.True(metadata.Remove("latent_noise_rng"));
        var old = Path.Combine(_out, "old-checkpoint.safetensors");
        SafetensorsWriter.Write(old, file.Tensors.Select(t => NamedTensor.Float32(t.Name, file.GetFloat32(t.Name), [.. t.Shape])).ToList(), metadata);
        AssertUsageError("cannot continue bit for bit", "train", "--data", _data.Path, "--out", Path.Combine(_out, "old"), "--quiet", "--epochs", "2", "--resume", old);
    }

    [Fact]
    public void TheVaePresetTrainsTenEpochsInBatchesOf128()
    {
        var dir = Path.Combine(_out, "defaults");
        var (code, stdout, err) = Run("train", "--model", "vae", "--layers", "784,16", "--latent", "2", "--threads", "2", "--data", _data.Path, "--out", dir, "--quiet");
        Assert.True(code == 0, err);
        Assert.Equal(10, stdout.Trim().Split('\n').Length);
        using var history = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "history.json")));
        Assert.Equal(128, history.RootElement.GetProperty("batch").GetInt32());
        // Like the conv models, the VAE replays its peer's seed and steps as its torch.optim.Adam.
        Assert.Equal("pytorch", history.RootElement.GetProperty("rng").GetString());
        Assert.Equal("pytorch", history.RootElement.GetProperty("adam").GetString());
    }

    [Fact]
    public void EvalPrintsTheSampledLossPerImageAndTheLossAtTheMean()
    {
        var model = TrainSmall("eval");
        var (code, stdout, err) = Run("eval", "--model", model, "--data", _data.Path, "--threads", "2");
        Assert.True(code == 0, err);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("test_loss ", lines[0]);
        Assert.StartsWith("at z = mean: test_loss ", lines[1]);
        // Per image: the BCE summed over 784 pixels, far above a per-pixel mean.
        var loss = double.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(loss, 10, 2000);
    }

    [Fact]
    public void SampleWritesAPngGridAndDependsOnTheSeed()
    {
        var model = TrainSmall("sample");
        var a = Path.Combine(_out, "a.png");
        var b = Path.Combine(_out, "b.png");
        var c = Path.Combine(_out, "c.png");
        Assert.Equal(0, Run("sample", "--model", model, "--count", "10", "--out", a, "--seed", "1").Code);
        Assert.Equal(0, Run("sample", "--model", model, "--count", "10", "--out", b, "--seed", "1").Code);
        Assert.Equal(0, Run("sample", "--model", model, "--count", "10", "--out", c, "--seed", "2").Code);
        var png = File.ReadAllBytes(a);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // Two rows of 8 cells of 28 x 3 pixels with 4 pixels of padding: the IHDR's width and height.
        Assert.Equal(4 + (8 * (84 + 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(4 + (2 * (84 + 4)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(png, File.ReadAllBytes(b));
        Assert.NotEqual(png, File.ReadAllBytes(c));
    }

    [Fact]
    public void MistakesAreOneLineErrors()
    {
        var dense = Path.Combine(_out, "dense");
        Assert.Equal(0, Run("train", "--model", "shallow", "--epochs", "1", "--data", _data.Path, "--out", dense, "--quiet").Code);
        AssertUsageError("needs a variational model", "sample", "--model", Path.Combine(dense, "model.safetensors"), "--out", Path.Combine(_out, "x.png"));
        AssertUsageError("--latent is for --model vae", "train", "--model", "shallow", "--latent", "4", "--data", _data.Path, "--out", dense);
        // The example in a bad --layers' error is the chosen model's own list.
        AssertUsageError("like 784,400, got '784,abc'", "train", "--model", "vae", "--layers", "784,abc", "--data", _data.Path, "--out", dense);
        AssertUsageError("like 784,32,784, got '784,-1'", "train", "--model", "shallow", "--layers", "784,-1", "--data", _data.Path, "--out", dense);
        // 96 training images in batches of 90 leave a last batch of 6 x 2 latent values: PyTorch's randn
        // takes its unreplayed scalar path under 16.
        AssertUsageError("the training set's last batch: a batch of 6 samples draws 12 latent values", "train", "--model", "vae", "--latent", "2", "--batch", "90", "--data", _data.Path, "--out", dense);

        // A VAE file without its log-variance tensor.
        var model = TrainSmall("broken");
        var file = SafetensorsFile.Read(model);
        var tensors = file.Tensors.Where(t => !t.Name.StartsWith("logvar.", StringComparison.Ordinal))
            .Select(t => NamedTensor.Float32(t.Name, file.GetFloat32(t.Name), [.. t.Shape])).ToList();
        var broken = Path.Combine(_out, "broken.safetensors");
        SafetensorsWriter.Write(broken, tensors, new Dictionary<string, string>(file.Metadata));
        AssertUsageError("tensor 'logvar.weight' is missing", "eval", "--model", broken, "--data", _data.Path);
        AssertUsageError("tensor 'logvar.weight' is missing", "sample", "--model", broken, "--out", Path.Combine(_out, "y.png"));

        // An --out under a file: the path once, then the shell's reason.
        var underAFile = Path.Combine(model, "z.png");
        AssertUsageError($"error: {underAFile}: a part of the path is not a folder", "sample", "--model", model, "--out", underAFile);
    }
}
