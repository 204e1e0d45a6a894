using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// <c>--resume</c> continues the checkpoint's run: its model, seed, batch, learning rate, Adam form,
/// noise, penalty and streams; a flag that says otherwise is refused naming it; only --epochs changes.
/// </summary>
public sealed class ResumeFlagsTests : IDisposable
{
    private readonly FaultScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string[] RunFlags(string output, int epochs) =>
        ["--model", "sparse", "--layers", "784,16,784", "--seed", "4", "--batch", "16", "--lr", "0.002", "--noise", "0.1", "--l1", "0.0001",
         "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", _scratch.Data, "--out", output, "--quiet", "--threads", "1"];

    [Fact]
    public void ResumeWithoutFlagsIsTheUninterruptedRun()
    {
        var straight = _scratch.Path("straight");
        Assert.Equal(0, Run(["train", .. RunFlags(straight, 3)]).Code);
        var split = _scratch.Path("split");
        Assert.Equal(0, Run(["train", .. RunFlags(split, 1)]).Code);
        var (code, _, err) = Run("train", "--resume", Path.Combine(split, "checkpoint.safetensors"), "--epochs", "3", "--data", _scratch.Data, "--out", split, "--quiet", "--threads", "2");
        Assert.True(code == 0, err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(straight, "model.safetensors")), File.ReadAllBytes(Path.Combine(split, "model.safetensors")));
    }

    [Theory]
    [InlineData("--model", "deep")]
    [InlineData("--seed", "5")]
    [InlineData("--batch", "32")]
    [InlineData("--lr", "0.001")]
    [InlineData("--noise", "0.2")]
    [InlineData("--l1", "0.001")]
    [InlineData("--layers", "784,32,784")]
    [InlineData("--rng", "vecae")]
    [InlineData("--optimizer", "sgd")]
    [InlineData("--adam", "pytorch")]
    [InlineData("--limit", "10")]
    public void AFlagContradictingTheCheckpointIsRefusedByName(string flag, string value)
    {
        var output = _scratch.Path("run" + flag);
        Assert.Equal(0, Run(["train", .. RunFlags(output, 1)]).Code);
        var checkpoint = Path.Combine(output, "checkpoint.safetensors");
        var before = FaultAssert.Snapshot(checkpoint);
        var (code, _, err) = Run("train", "--resume", checkpoint, flag, value, "--epochs", "2", "--data", _scratch.Data, "--out", output, "--quiet");
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.StartsWith($"error: train: {flag} {value} contradicts the checkpoint's ", err);
        FaultAssert.Unchanged(before);
    }

    [Fact]
    public void FlagsThatAgreeWithTheCheckpointAreAccepted()
    {
        var output = _scratch.Path("agree");
        Assert.Equal(0, Run(["train", .. RunFlags(output, 1)]).Code);
        var (code, _, err) = Run(["train", .. RunFlags(output, 2), "--resume", Path.Combine(output, "checkpoint.safetensors")]);
        Assert.True(code == 0, err);
    }
}
