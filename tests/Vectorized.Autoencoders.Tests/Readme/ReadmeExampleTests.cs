using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Tests.Cli;
using Vectorized.Autoencoders.Tests.Data;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Readme;

/// <summary>
/// The README's embedding examples are these tests' bodies, so the README cannot rot: each test
/// runs its code (on a tiny synthetic MNIST folder) and checks the README shows it verbatim.
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
        Assert.Contains(Region(source, "README:begin"), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworksExampleRunsAndMatchesTheReadme()
    {
        using var tiny = new TinyMnist(train: 64, test: 16);
        var mnist = MnistDataset.Load(tiny.Path);

        // README:begin networks
        // The convolutional denoiser: trained on x + 0.4 N(0, 1), clipped to [0, 1], against the clean x.
        var denoiser = Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, seed: 1);
        denoiser.Fit(mnist.Train, new TrainingOptions { Epochs = 10, BatchSize = 128, NoiseStd = 0.4f, Threads = 2 });
        var denoising = denoiser.Evaluate(mnist.Test, noiseStd: 0.4f);   // noisy input, clean target
        Console.WriteLine($"denoiser test loss {denoising.Loss:F4}");

        // The variational autoencoder: new digits, decoded from draws of its prior N(0, I).
        var vae = Autoencoder.Create(AutoencoderOptions.Variational, seed: 1);
        vae.Fit(mnist.Train, new TrainingOptions { Epochs = 10, BatchSize = 128, Threads = 2 });
        float[] digits = vae.Sample(count: 64, seed: 1);                 // [64, 784], pixels in [0, 1]
        // README:end

        Assert.True(double.IsFinite(denoising.Loss) && denoising.Loss > 0);
        Assert.True(denoising.Loss < Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, seed: 1).Evaluate(mnist.Test, noiseStd: 0.4f).Loss);
        Assert.Equal(64 * 784, digits.Length);
        Assert.All(digits, v => Assert.InRange(v, 0f, 1f));

        var source = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "Vectorized.Autoencoders.Tests", "Readme", "ReadmeExampleTests.cs"));
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        Assert.Contains(Region(source, "README:begin networks"), readme, StringComparison.Ordinal);
    }

    // The lines between a begin marker and the next end marker, de-indented as they stand in the README.
    private static string Region(string source, string beginMarker)
    {
        var lines = source.Split('\n');
        var begin = Array.FindIndex(lines, l => l.Trim() == "// " + beginMarker);
        var end = Array.FindIndex(lines, begin + 1, l => l.Trim() == "// README:end");
        Assert.True(begin >= 0 && end > begin, $"the markers of {beginMarker} are missing");
        return string.Join('\n', lines[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
    }
}
