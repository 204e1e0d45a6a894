using Vectorized.Autoencoders.Cli;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// Exit codes: 2 for every user mistake or environment fault, 70 only for a bug (the last-resort
/// handler), never a stack trace. No documented command reaches the last resort on bad input.
/// </summary>
public sealed class ExitCodeTests : IDisposable
{
    private readonly FaultScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    public static TheoryData<string[]> BadInputs => new()
    {
        new[] { "info", "--bogus" },
        new[] { "inspect" },
        new[] { "inspect", "/nonexistent" },
        new[] { "inspect", "/" },
        new[] { "inspect", "/dev/null" },
        new[] { "train", "--layers", "784,32,10" },
        new[] { "train", "--layers", "784" },
        new[] { "train", "--layers", "784,0,784" },
        new[] { "train", "--layers", "10,4,10" },
        new[] { "train", "--out=" },
        new[] { "train", "--data=" },
        new[] { "train", "--resume", "/" },
        new[] { "train", "--resume", "/dev/null" },
        new[] { "train", "--batch", "0" },
        new[] { "train", "--lr", "nan" },
        new[] { "eval", "--model", "/" },
        new[] { "eval", "--model=" },
        new[] { "encode", "--model", "/dev/null" },
        new[] { "encode", "--set", "both" },
        new[] { "figures", "--model", "/nonexistent", "--out", "/tmp" },
        new[] { "figures" },
        new[] { "tsne" },
        new[] { "tsne", "--raw", "--data", "/nonexistent" },
        new[] { "tsne", "--input", "/" },
        new[] { "tsne", "--input", "/dev/null" },
        new[] { "tsne", "--raw", "--out", "map.gif" },
        new[] { "bench", "nothing" },
        new[] { "reproduce", "--out=" },
        new[] { "reproduce", "--seeds", "x" },
        new[] { "nosuchcommand" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsOneLineAndCode2NeverTheLastResort(string[] args)
    {
        // With real data and a writable --out the bad value, not a missing folder, is what fails.
        if (args[0] is "train" or "eval" or "encode" or "figures" or "tsne" or "reproduce" && !args.Any(a => a.StartsWith("--data", StringComparison.Ordinal)))
        {
            args = [.. args, "--data", _scratch.Data];
        }

        if (args[0] is "train" or "reproduce" && !args.Any(a => a.StartsWith("--out", StringComparison.Ordinal)))
        {
            args = [.. args, "--out", _scratch.Path("out"), .. args[0] == "train" ? new[] { "--epochs", "1" } : []];
        }

        var (code, _, err) = Run(args);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", err);
        Assert.DoesNotContain("internal error", err);
    }

    [Fact]
    public void TrainWithAnOutputSizeOtherThanTheInputIsOneLine()
    {
        var (code, _, err) = Run("train", "--model", "custom", "--layers", "784,32,10", "--epochs", "1", "--data", _scratch.Data, "--out", _scratch.Path("o"));
        Assert.Equal(2, code);
        Assert.Equal("error: train: --layers 784,32,10: the output size 10 differs from the input size 784; an autoencoder reconstructs its input", err.TrimEnd());
    }

    [Fact]
    public void TheLastResortIsOneLineAndCode70()
    {
        var stderr = new StringWriter();
        var code = CommandLine.ReportBug(new InvalidOperationException("two\nlines"), stderr);
        Assert.Equal(70, code);
        Assert.Equal("error: internal error (InvalidOperationException: two lines); please report it", stderr.ToString().TrimEnd());
    }

    [Fact]
    public void TheExitCodesAreTheDocumentedOnes()
    {
        Assert.Equal(2, CommandLine.UsageError);
        Assert.Equal(2, CommandLine.OutOfMemory);
        Assert.Equal(70, CommandLine.InternalError);
        Assert.Equal(130, CommandLine.Interrupted);
    }
}
