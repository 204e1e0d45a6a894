using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Tests.Cli;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// A throw-away folder with tiny MNIST-layout data, a small trained model and a small IDX matrix:
/// everything the fault tests feed the real CLI, made in the test and deleted after it.
/// </summary>
internal sealed class FaultScratch : IDisposable
{
    private readonly TinyMnist _data = new();

    public FaultScratch()
    {
        Directory.CreateDirectory(Root);
        var (code, _, err) = CommandRunner.Run(["train", .. TrainArgs(System.IO.Path.Combine(Root, "trained"))]);
        Assert.True(code == 0, err);
        var random = new Random(3);
        var rows = new float[60 * 4];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (float)random.NextDouble();
        }

        IdxWriter.Write(Matrix, IdxArray.Create<float>(rows, 60, 4));
    }

    public string Root { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vecae-faults-{Guid.NewGuid():N}");

    public string Data => _data.Path;

    public string Model => System.IO.Path.Combine(Root, "trained", "model.safetensors");

    /// <summary>A 60 x 4 float32 IDX matrix for quick t-SNE runs.</summary>
    public string Matrix => System.IO.Path.Combine(Root, "rows.idx");

    public string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>A one-epoch train of a tiny 784-16-784 model writing to <paramref name="outDir"/>.</summary>
    public string[] TrainArgs(string outDir, int seed = 1, int epochs = 1) =>
        ["--model", "custom", "--layers", "784,16,784", "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", Data, "--out", outDir, "--quiet", "--threads", "1"];

    public string[] TsneArgs(string output, int seed = 1) =>
        ["--input", Matrix, "--iterations", "30", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1", "--out", output];

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
