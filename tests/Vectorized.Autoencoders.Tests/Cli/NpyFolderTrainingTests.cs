using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization.Npy;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary><c>vecae train --data DIR</c> on a folder holding train.npy and test.npy.</summary>
public sealed class NpyFolderTrainingTests : IDisposable
{
    private readonly TinyMnist _mnist = new(train: 64, test: 16);
    private readonly string _root = Directory.CreateTempSubdirectory("vecae-npy-train-").FullName;

    public void Dispose()
    {
        _mnist.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void UInt8ImagesTrainToTheSameBitsAsTheSameImagesInIdx()
    {
        var dataset = MnistDataset.Load(_mnist.Path);
        var folder = Folder("u8");
        NpyWriter.Write(Path.Combine(folder, "train.npy"), dataset.Train.Pixels.Span, dataset.Train.Count, 28, 28);
        NpyWriter.Write(Path.Combine(folder, "test.npy"), dataset.Test.Pixels.Span, dataset.Test.Count, 28, 28);

        string[] common = ["train", "--model", "custom", "--layers", "784,16,784", "--epochs", "2", "--batch", "16", "--seed", "3", "--threads", "1", "--quiet", "--json"];
        var fromIdx = Run([.. common, "--data", _mnist.Path, "--out", Path.Combine(_root, "idx-out")]);
        var fromNpy = Run([.. common, "--data", folder, "--out", Path.Combine(_root, "npy-out")]);
        Assert.Equal(0, fromIdx.Code);
        Assert.Equal(0, fromNpy.Code);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(_root, "idx-out", "model.safetensors")),
            File.ReadAllBytes(Path.Combine(_root, "npy-out", "model.safetensors")));
    }

    [Fact]
    public void Float32FeatureVectorsTrainAndEvaluate()
    {
        var folder = Folder("f32");
        var random = new Random(9);
        float[] Vectors(int rows) => Enumerable.Range(0, rows * 10).Select(_ => (float)random.NextDouble()).ToArray();
        NpyWriter.Write(Path.Combine(folder, "train.npy"), Vectors(50), 50, 10);
        NpyWriter.Write(Path.Combine(folder, "test.npy"), Vectors(20), 20, 10);
        var outDir = Path.Combine(_root, "f32-out");
        var (code, stdout, err) = Run("train", "--model", "custom", "--layers", "10,4,10", "--epochs", "3", "--threads", "1", "--data", folder, "--out", outDir, "--quiet", "--json");
        Assert.True(code == 0, err);
        Assert.Equal(3, stdout.Trim().Split('\n').Length);
        var model = Path.Combine(outDir, "model.safetensors");
        var (evalCode, evalOut, _) = Run("eval", "--model", model, "--data", folder, "--json", "--threads", "1");
        Assert.Equal(0, evalCode);
        Assert.Contains("\"count\":20", evalOut);
    }

    [Fact]
    public void ValuesOutsideTheUnitIntervalAreOneLineErrors()
    {
        var folder = Folder("bad");
        NpyWriter.Write(Path.Combine(folder, "train.npy"), [0.5f, 1.5f], 2, 1);
        NpyWriter.Write(Path.Combine(folder, "test.npy"), [0.5f], 1, 1);
        AssertUsageError("value 1 is 1.5", "train", "--data", folder, "--layers", "1,1", "--model", "custom", "--epochs", "1");
    }

    [Fact]
    public void MissingTestFileAndMismatchedSizesAreOneLineErrors()
    {
        var folder = Folder("missing");
        NpyWriter.Write(Path.Combine(folder, "train.npy"), new byte[12], 3, 4);
        AssertUsageError("test.npy: missing", "train", "--data", folder, "--epochs", "1");
        NpyWriter.Write(Path.Combine(folder, "test.npy"), new byte[10], 2, 5);
        AssertUsageError("samples have 5 values, those of train.npy 4", "train", "--data", folder, "--epochs", "1");
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
}
