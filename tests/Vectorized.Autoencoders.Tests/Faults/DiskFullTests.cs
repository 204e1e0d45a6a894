using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// The real CLI on a full disk (a tmpfs of the test's own, filled to leave a chosen number of
/// pages): one line naming the file, exit code 2, the earlier run's files byte for byte intact,
/// no temporary file left, whatever byte of the save the disk ran out at.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private const int Page = 4096;
    private readonly FaultScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    public enum FreeSpace
    {
        None,
        OnePage,
        HalfTheCheckpoint,
        AllButTheCheckpointsLastPage,
    }

    [Theory]
    [InlineData(FreeSpace.None)]
    [InlineData(FreeSpace.OnePage)]
    [InlineData(FreeSpace.HalfTheCheckpoint)]
    [InlineData(FreeSpace.AllButTheCheckpointsLastPage)]
    public void TrainOnAFullDiskIsOneLineAndKeepsTheEarlierRun(FreeSpace free)
    {
        using var disk = new Tmpfs(4 << 20);
        var output = Path.Combine(disk.Path, "run");
        Assert.Equal(0, Run(["train", .. _scratch.TrainArgs(output, seed: 1)]).Code);
        var checkpoint = Path.Combine(output, "checkpoint.safetensors");
        var model = Path.Combine(output, "model.safetensors");
        var history = Path.Combine(output, "history.json");
        var checkpointPages = Pages(checkpoint);
        disk.FillLeaving(Page * free switch
        {
            FreeSpace.None => 0,
            FreeSpace.OnePage => 1,
            FreeSpace.HalfTheCheckpoint => checkpointPages / 2,
            _ => checkpointPages - 1,
        });
        var before = FaultAssert.Snapshot(checkpoint, model, history);

        var failed = Run(["train", .. _scratch.TrainArgs(output, seed: 2)]);

        // With no page free the run's first file, the output folder's lock, is the one that fails.
        FaultAssert.OneErrorLine(failed, free == FreeSpace.None ? FaultAssert.LockFile(output) : checkpoint, "no space left on device");
        FaultAssert.Unchanged(before);
        FaultAssert.NoTemporaryFiles(output);
        Assert.Equal(0, Run("inspect", checkpoint).Code);
    }

    [Fact]
    public void TrainIntoANewFolderOnAFullDiskLeavesNoFile()
    {
        using var disk = new Tmpfs(1 << 20);
        disk.FillLeaving(0);
        var output = Path.Combine(disk.Path, "run");
        FaultAssert.OneErrorLine(Run(["train", .. _scratch.TrainArgs(output)]), FaultAssert.LockFile(output), "no space left on device");
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public void FiguresOnAFullDiskKeepTheEarlierFigures()
    {
        using var disk = new Tmpfs(2 << 20);
        var output = Path.Combine(disk.Path, "figures");
        string[] args = ["figures", "--model", _scratch.Model, "--data", _scratch.Data, "--out", output, "--threads", "1"];
        Assert.Equal(0, Run([.. args, "--count", "2"]).Code);
        var files = Directory.GetFiles(output);
        Assert.Equal(3, files.Length);
        var before = FaultAssert.Snapshot(files);
        disk.FillLeaving(0);

        var failed = Run([.. args, "--count", "4"]);

        FaultAssert.OneErrorLine(failed, FaultAssert.LockFile(output), "no space left on device");
        FaultAssert.Unchanged(before);
        FaultAssert.NoTemporaryFiles(output);
    }

    [Theory]
    [InlineData("map.png")]
    [InlineData("map.svg")]
    [InlineData("map.csv")]
    public void ATsneMapOnAFullDiskKeepsTheEarlierMap(string name)
    {
        using var disk = new Tmpfs(1 << 20);
        var map = Path.Combine(disk.Path, name);
        Assert.Equal(0, Run(["tsne", .. _scratch.TsneArgs(map, seed: 1)]).Code);
        var before = FaultAssert.Snapshot(map);
        disk.FillLeaving(0);

        var failed = Run(["tsne", .. _scratch.TsneArgs(map, seed: 2)]);

        FaultAssert.OneErrorLine(failed, map, "no space left on device");
        FaultAssert.Unchanged(before);
        FaultAssert.NoTemporaryFiles(disk.Path);
    }

    [Fact]
    public void EncodeOnAFullDiskKeepsTheEarlierCodes()
    {
        using var disk = new Tmpfs(1 << 20);
        var codes = Path.Combine(disk.Path, "codes.idx");
        string[] args = ["encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", codes, "--threads", "1"];
        Assert.Equal(0, Run([.. args, "--set", "test"]).Code);
        var before = FaultAssert.Snapshot(codes);
        disk.FillLeaving(0);

        FaultAssert.OneErrorLine(Run([.. args, "--set", "train"]), codes, "no space left on device");
        FaultAssert.Unchanged(before);
        FaultAssert.NoTemporaryFiles(disk.Path);
    }

    private static int Pages(string path) => (int)((new FileInfo(path).Length + Page - 1) / Page);
}
