using System.Xml.Linq;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Tests.Imaging;

namespace Vectorized.Autoencoders.Tests.Cli;

public class ReproduceCommandTests
{
    private static readonly string[] s_figures =
    [
        "deep-reconstructions.png", "deep-filters.png", "shallow-reconstructions.png", "shallow-filters.png", "denoising.png",
        "standard-reconstructions.png", "loss-history.svg", "code-density.svg", "sparse-reconstructions.png",
        "vae-samples.png", "vae-manifold.png", "vae-latent-means.svg",
    ];

    [Fact]
    public void HelpListsTheFlags()
    {
        var (code, output, _) = CommandRunner.Run("reproduce", "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: vecae reproduce [--out DIR] [--quick] [--seeds 1,2,3]", output);
    }

    [Theory]
    [InlineData("unknown flag --fast", "reproduce", "--fast")]
    [InlineData("--seeds expects comma-separated non-negative integers", "reproduce", "--seeds", "1,x")]
    [InlineData("--seeds expects comma-separated non-negative integers", "reproduce", "--seeds", "-1")]
    [InlineData("--seeds repeats a seed", "reproduce", "--seeds", "1,2,1")]
    [InlineData("--threads must be between 1 and 1024", "reproduce", "--threads", "0")]
    [InlineData("--count expects an integer", "reproduce", "--count", "five")]
    [InlineData("--quick takes no value", "reproduce", "--quick=yes")]
    [InlineData("reproduce: --rng must be pytorch or vecae, got 'numpy'", "reproduce", "--rng", "numpy")]
    [InlineData("unexpected argument 'now'", "reproduce", "now")]
    public void BadFlagsAreOneLineErrors(string fragment, params string[] args) => CommandRunner.AssertUsageError(fragment, args);

    [Fact]
    public void MissingDataFolderNamesIt()
    {
        var output = Path.Combine(Path.GetTempPath(), $"vecae-out-{Guid.NewGuid():N}");
        try
        {
            CommandRunner.AssertUsageError("/nonexistent/mnist: no such folder", "reproduce", "--quick", "--data", "/nonexistent/mnist", "--out", output);
            Assert.False(Directory.Exists(output), "no empty report folder is left behind");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void OutputThatIsAFileIsRefusedBeforeTraining()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var data = new TinyMnist();
            CommandRunner.AssertUsageError($"{file}: not a folder", "reproduce", "--quick", "--out", file, "--data", data.Path);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void InterruptIsOneLineAndWritesNoReport()
    {
        using var data = new TinyMnist();
        var output = Path.Combine(Path.GetTempPath(), $"vecae-interrupted-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var stderr = new StringWriter();
        try
        {
            var args = new Vectorized.Autoencoders.Cli.Arguments("reproduce", ["--quick", "--data", data.Path, "--out", output]);
            var code = ReproduceCommand.Run(args, TextWriter.Null, stderr, cancel.Token);
            Assert.Equal(ReproduceCommand.Interrupted, code);
            Assert.EndsWith("error: reproduce: interrupted; no report written", stderr.ToString().TrimEnd());
            Assert.False(File.Exists(Path.Combine(output, "index.html")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void SeedsParse() => Assert.Equal([3, 1, 20], ReproduceCommand.ParseSeeds("3, 1,20"));

    [Fact]
    public void QuickRunWritesTheReportAndEveryFigure()
    {
        using var data = new TinyMnist();
        var output = Path.Combine(Path.GetTempPath(), $"vecae-reproduce-{Guid.NewGuid():N}");
        try
        {
            var (code, stdout, stderr) = CommandRunner.Run("reproduce", "--quick", "--data", data.Path, "--out", output, "--threads", "2");
            Assert.True(code == 0, stderr);
            Assert.Contains("report: " + Path.Combine(output, "index.html"), stdout);
            Assert.Contains("targets: ", stdout);
            var page = File.ReadAllText(Path.Combine(output, "index.html"));
            using var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
            Assert.True(results.RootElement.GetProperty("quick").GetBoolean());
            // The reference's seeds are PyTorch's: by default seed N replays PyTorch's streams.
            Assert.Equal("pytorch", results.RootElement.GetProperty("rng").GetString());
            Assert.Contains("PyTorch&#39;s (--rng pytorch)", page);
            Assert.Contains("Quick run", page);
            foreach (var figure in s_figures)
            {
                var path = Path.Combine(output, figure);
                Assert.True(File.Exists(path), figure);
                Assert.Contains($">{figure}</a>", page);
                if (figure.EndsWith(".svg", StringComparison.Ordinal))
                {
                    Assert.NotNull(XDocument.Load(path).Root);
                }
                else
                {
                    var (check, log) = ExternalTool.Run("pngcheck", path);
                    Assert.True(check == 0, log);
                }
            }
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
