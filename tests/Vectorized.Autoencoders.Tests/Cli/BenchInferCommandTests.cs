using System.Text.Json;
using Vectorized.Autoencoders.Models;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

public class BenchInferCommandTests
{
    /// <summary>
    /// One line per part and batch size, in order, with times that agree with the rate; and no
    /// inference call allocates (the figure is GC's count over every call timed, so one byte a call fails it).
    /// </summary>
    [Fact]
    public void JsonHasOneLinePerPartAndBatchAndCallsAllocateNothing()
    {
        var (code, output, err) = Run("bench", "infer", "--model", "shallow", "--batch", "1,3", "--json");
        Assert.True(code == 0, err);
        var lines = output.TrimEnd().Split('\n');
        (string Part, int Batch)[] expected = [("full", 1), ("full", 3), ("encoder", 1), ("encoder", 3), ("decoder", 1), ("decoder", 3)];
        Assert.Equal(expected.Length, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var doc = JsonDocument.Parse(lines[i]);
            var root = doc.RootElement;
            Assert.Equal("shallow", root.GetProperty("model").GetString());
            Assert.Equal(expected[i].Part, root.GetProperty("part").GetString());
            Assert.Equal(expected[i].Batch, root.GetProperty("batch").GetInt32());
            Assert.Equal(1, root.GetProperty("threads").GetInt32());
            var micros = root.GetProperty("us_per_call").GetDouble();
            Assert.True(micros > 0, lines[i]);
            var rate = root.GetProperty("images_per_second").GetDouble();
            Assert.InRange(rate * micros / 1e6, expected[i].Batch * 0.98, expected[i].Batch * 1.02);
            Assert.Equal(0, root.GetProperty("bytes_per_call").GetInt64());
        }
    }

    [Fact]
    public void AModelFileIsTimedWithItsOwnShapes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vecae-bench-infer-{Guid.NewGuid():N}.safetensors");
        try
        {
            Autoencoder.Create(AutoencoderOptions.Convolutional, 3).Save(path);
            var (code, output, err) = Run("bench", "infer", "--model", path, "--part", "encoder", "--batch", "2", "--threads", "2");
            Assert.True(code == 0, err);
            var lines = output.TrimEnd().Split('\n');
            Assert.Equal(3, lines.Length);
            Assert.Contains("2 thread(s)", lines[0]);
            Assert.Contains("input 784, code 128, output 784", lines[0]);
            Assert.StartsWith("encoder       2 ", lines[2]);
            Assert.EndsWith(" 0", lines[2].TrimEnd());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("bench infer: --model must be one of deep, shallow, denoising, vae, conv, conv-denoising or a model file; 'wide' is neither", "bench", "infer", "--model", "wide")]
    [InlineData("bench infer: --part must be full, encoder, decoder or all, got 'code'", "bench", "infer", "--part", "code")]
    [InlineData("bench infer: --batch takes sizes from 1 to 65536 separated by commas, got '1,,2'", "bench", "infer", "--batch", "1,,2")]
    [InlineData("bench infer: --batch takes sizes from 1 to 65536 separated by commas, got '0'", "bench", "infer", "--batch", "0")]
    [InlineData("unknown flag --epochs", "bench", "infer", "--epochs", "2")]
    public void BadFlagsAreOneLineErrors(string fragment, params string[] args) => AssertUsageError(fragment, args);

    [Fact]
    public void HelpNamesTheFlags()
    {
        var (code, output, _) = Run("bench", "infer", "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: vecae bench infer [--model deep|shallow|denoising|vae|conv|conv-denoising|FILE]", output);
    }
}
