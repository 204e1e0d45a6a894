using System.Text.Json;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Tests.Cli;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Training;

public class BenchTrainCommandTests
{
    [Fact]
    public void JsonHasOneLinePerEpochWithTheFirstMarkedWarmUp()
    {
        using var data = new TinyMnist(train: 256);
        var (code, output, err) = Run("bench", "train", "--model", "shallow", "--batch", "32", "--threads", "2", "--epochs", "3", "--data", data.Path, "--json");
        Assert.True(code == 0, err);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        for (var e = 0; e < lines.Length; e++)
        {
            using var doc = JsonDocument.Parse(lines[e]);
            var root = doc.RootElement;
            Assert.Equal("shallow", root.GetProperty("model").GetString());
            Assert.Equal(e + 1, root.GetProperty("epoch").GetInt32());
            Assert.Equal(e == 0, root.GetProperty("warmup").GetBoolean());
            Assert.Equal(2, root.GetProperty("threads").GetInt32());
            var seconds = root.GetProperty("seconds").GetDouble();
            Assert.True(seconds > 0);
            // samples/s x seconds = the 256 training images, up to the rounding of seconds to 4 decimals.
            var rate = root.GetProperty("samples_per_second").GetDouble();
            Assert.InRange(rate * seconds, 256 - (0.00006 * rate) - 1, 256 + (0.00006 * rate) + 1);
        }
    }

    [Theory]
    [InlineData("denoising", 0.4)]
    [InlineData("deep", 0.0)]
    public void DenoisersTrainOnNoiseDrawnEachEpochAsTrainDoes(string model, double noise)
    {
        using var data = new TinyMnist(train: 64);
        var (code, output, err) = Run("bench", "train", "--model", model, "--threads", "1", "--epochs", "2", "--data", data.Path, "--json");
        Assert.True(code == 0, err);
        foreach (var line in output.TrimEnd().Split('\n'))
        {
            using var doc = JsonDocument.Parse(line);
            Assert.Equal(noise, doc.RootElement.GetProperty("noise").GetDouble());
        }
    }

    [Fact]
    public void GemmFlopsCountForwardWeightGradientsAndInputGradientsButTheFirst()
    {
        // Deep: weights 784x128, 128x32, 32x128, 128x784 = 208,896 multiply-adds forward and for the
        // weight gradients; input gradients skip the first layer: 108,544.
        Assert.Equal(2.0 * ((2 * 208_896) + 108_544), BenchTrain.GemmFlopsPerSample(AutoencoderOptions.Deep));
        Assert.Equal(2.0 * ((2 * 50_176) + 25_088), BenchTrain.GemmFlopsPerSample(AutoencoderOptions.Shallow));
    }

    [Fact]
    public void VariationalGemmFlopsCountTheLatentHeadAndTheDecoder()
    {
        // 784x400, 400x(20 means + 20 log-variances), 20x400, 400x784 = 651,200 multiply-adds;
        // all but the first: 337,600.
        Assert.Equal(2.0 * ((2 * 651_200) + 337_600), BenchTrain.GemmFlopsPerSample(AutoencoderOptions.Variational));
    }

    [Theory]
    [InlineData("bench train: --model must be one of deep, shallow, denoising, vae, conv, conv-denoising, got 'wide'", "bench", "train", "--model", "wide")]
    [InlineData("--epochs must be between 2 and 1000", "bench", "train", "--epochs", "1")]
    [InlineData("unknown flag --lr", "bench", "train", "--lr", "0.1")]
    public void BadFlagsAreOneLineErrors(string fragment, params string[] args) => AssertUsageError(fragment, args);

    [Fact]
    public void HelpNamesTheFlags()
    {
        var (code, output, _) = Run("bench", "train", "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: vecae bench train [--model deep|shallow|denoising|vae|conv|conv-denoising]", output);
    }
}
