using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// <c>--out</c> where nothing can be written: a read-only file system, a folder the user may not
/// write, an existing plain file, a path under a file, an empty value, a 300-byte name. Each is
/// one line naming the path and exit code 2, before or instead of any stack trace.
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly FaultScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void TrainOnAReadOnlyFileSystemIsOneLineAndKeepsTheEarlierRun()
    {
        using var disk = new Tmpfs(2 << 20);
        var output = Path.Combine(disk.Path, "run");
        Assert.Equal(0, Run(["train", .. _scratch.TrainArgs(output, seed: 1)]).Code);
        var before = FaultAssert.Snapshot(Directory.GetFiles(output));
        disk.RemountReadOnly();

        FaultAssert.OneErrorLine(Run(["train", .. _scratch.TrainArgs(output, seed: 2)]), Path.Combine(output, ".vecae.lock"), "read-only file system");
        FaultAssert.Unchanged(before);
        var fresh = Path.Combine(disk.Path, "fresh");
        FaultAssert.OneErrorLine(Run(["train", .. _scratch.TrainArgs(fresh)]), fresh, "read-only file system");
        var codes = Path.Combine(disk.Path, "codes.idx");
        FaultAssert.OneErrorLine(Run("encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", codes), codes, "read-only file system");
    }

    [Fact]
    public void AFolderTheUserMayNotWriteIsOneLine()
    {
        // Root may write anywhere; the child runs as root without CAP_DAC_OVERRIDE, so the
        // folder's mode bits hold for it as for any user.
        var locked = _scratch.Path("locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string[] withoutOverride = ["--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search", "--", ChildProcess.DotnetHost, ChildProcess.VecaeDll];
        var probe = ChildProcess.Run("setpriv", [.. withoutOverride[..^2], "touch", Path.Combine(locked, "probe")]);
        Assert.True(probe.Code != 0, "setpriv did not take CAP_DAC_OVERRIDE away; the test cannot make a folder unwritable for root");

        var codes = Path.Combine(locked, "codes.idx");
        FaultAssert.OneErrorLine(ChildProcess.Run("setpriv", [.. withoutOverride, "encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", codes]), codes, "permission denied");
        var output = Path.Combine(locked, "run");
        FaultAssert.OneErrorLine(ChildProcess.Run("setpriv", [.. withoutOverride, "train", .. _scratch.TrainArgs(output)]), output, "permission denied");
        Assert.Empty(Directory.GetFileSystemEntries(locked));
    }

    [Fact]
    public void AnExistingPlainFileAsTheOutputFolderIsOneLine()
    {
        var plain = _scratch.Path("plain");
        File.WriteAllText(plain, "keep");
        FaultAssert.OneErrorLine(Run(["train", .. _scratch.TrainArgs(plain)]), plain, "not a folder");
        FaultAssert.OneErrorLine(Run("figures", "--model", _scratch.Model, "--data", _scratch.Data, "--out", plain), plain, "not a folder");
        Assert.Equal("keep", File.ReadAllText(plain));
    }

    [Fact]
    public void APathUnderAFileIsOneLine()
    {
        var plain = _scratch.Path("plain");
        File.WriteAllText(plain, "keep");
        var under = Path.Combine(plain, "run");
        FaultAssert.OneErrorLine(Run(["train", .. _scratch.TrainArgs(under)]), under, "a part of the path is not a folder");
        var codes = Path.Combine(plain, "codes.idx");
        FaultAssert.OneErrorLine(Run("encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", codes), codes, "a part of the path is not a folder");
        var map = Path.Combine(plain, "map.png");
        FaultAssert.OneErrorLine(Run(["tsne", .. _scratch.TsneArgs(map)]), map, "a part of the path is not a folder");
    }

    [Theory]
    [InlineData("train")]
    [InlineData("encode")]
    [InlineData("figures")]
    [InlineData("tsne")]
    public void AnEmptyOutIsOneLine(string command)
    {
        var (code, _, err) = Run(command, "--out=", "--model", _scratch.Model, "--data", _scratch.Data);
        Assert.Equal(2, code);
        Assert.Equal($"error: {command}: --out needs a value", err.TrimEnd());
    }

    [Fact]
    public void AThreeHundredByteNameIsOneLine()
    {
        var output = _scratch.Path(new string('a', 300));
        FaultAssert.OneErrorLine(Run(["train", .. _scratch.TrainArgs(output)]), output, "file name too long");
        var codes = _scratch.Path(new string('c', 300) + ".idx");
        FaultAssert.OneErrorLine(Run("encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", codes), codes, "file name too long");
    }
}
