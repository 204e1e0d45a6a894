using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Tests.Cli;
using Vectorized.Autoencoders.Tests.Data;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Readme;

/// <summary>
/// The README's embedding example is this test's body, so the README cannot rot: the test runs
/// the code (on a tiny synthetic MNIST folder) and checks the README shows it verbatim.
/// </summary>
public class ReadmeExampleTests
{
    [Fact]
    public void EmbeddingExampleRunsAndMatchesTheReadme()
    {
        using var tiny = new TinyMnist(train: 64, test: 16);
        var mnistFolder = tiny.Path;
        var modelPath = Path.Combine(tiny.Path, "deep.safetensors");

        // README:begin
        var mnist = MnistDataset.Load(mnistFolder);          // bytes in memory, scaled per batch
        var model = Autoencoder.Create(AutoencoderOptions.Deep, seed: 1);
        var history = model.Fit(mnist.Train, new TrainingOptions { Epochs = 3, Threads = 2 });
        Console.WriteLine($"last epoch: train loss {history.Epochs[^1].TrainLoss:F4}");
        model.Save(modelPath);                                // safetensors, PyTorch names

        var loaded = Autoencoder.Load(modelPath);
        float[] codes = loaded.Encode(mnist.Test);            // [test count, 32]
        var test = loaded.Evaluate(mnist.Test);               // loss, mean code, zero fraction
        Console.WriteLine($"test loss {test.Loss:F4}, mean code {test.MeanCode:F2}");
        // README:end

        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(mnist.Test.Count * AutoencoderOptions.ArticleCodeSize, codes.Length);
        Assert.Equal(model.Encode(mnist.Test), codes);
        Assert.True(double.IsFinite(test.Loss) && test.Loss > 0);

        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Vectorized.Autoencoders.Tests", "Readme", "ReadmeExampleTests.cs"));
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains(Region(source), readme, StringComparison.Ordinal);
    }

    // The lines between the markers, de-indented as they stand in the README.
    private static string Region(string source)
    {
        var lines = source.Split('\n');
        var begin = Array.FindIndex(lines, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(lines, l => l.Trim() == "// README:end");
        return string.Join('\n', lines[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
    }
}
