using Vectorized.Autoencoders.IO;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// The library's output layer on its own: a write that fails after any number of bytes, targets
/// that are not regular files, names planted in advance, and temporary files of dead writers.
/// </summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vecae-atomic-layer-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(65536)]
    [InlineData(200_000)]
    public void AWriteFailingAfterNBytesLeavesTheEarlierFileAndNoTemporaryFile(int failAfter)
    {
        var path = Path.Combine(_dir.FullName, "model.bin");
        var earlier = new byte[300_000];
        new Random(1).NextBytes(earlier);
        File.WriteAllBytes(path, earlier);
        var e = Assert.Throws<FileWriteException>(() => AtomicFile.Write(path, stream =>
        {
            var bytes = new byte[failAfter];
            stream.Write(bytes);
            stream.Flush();
            // What write(2) says when the disk is full: errno 28 as HResult, as .NET reports it.
            throw new IOException("No space left on device", 28);
        }));
        Assert.Equal($"{path}: no space left on device", e.Message);
        Assert.Equal(earlier, File.ReadAllBytes(path));
        FaultAssert.NoTemporaryFiles(_dir.FullName);
    }

    [Fact]
    public void ASymlinkTargetIsRefusedAndItsTargetUntouched()
    {
        var victim = Path.Combine(_dir.FullName, "victim");
        File.WriteAllText(victim, "keep");
        var link = Path.Combine(_dir.FullName, "out.bin");
        File.CreateSymbolicLink(link, victim);
        var e = Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes(link, [1, 2, 3]));
        Assert.Equal($"{link}: not a regular file", e.Message);
        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.NotNull(new FileInfo(link).LinkTarget);

        // A dangling link is refused too: writing would create its target.
        var dangling = Path.Combine(_dir.FullName, "dangling.bin");
        var target = Path.Combine(_dir.FullName, "created-through-link");
        File.CreateSymbolicLink(dangling, target);
        Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes(dangling, [1]));
        Assert.False(File.Exists(target));
        FaultAssert.NoTemporaryFiles(_dir.FullName);
    }

    [Fact]
    public void AFolderOrADeviceAsTargetIsRefused()
    {
        var e = Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes(_dir.FullName, [1]));
        Assert.EndsWith(": not a regular file", e.Message);
        var device = Path.Combine(_dir.FullName, "null");
        MakeCharacterDevice(device);
        e = Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes(device, [1]));
        Assert.Equal($"{device}: not a regular file", e.Message);
        Assert.Equal(UnixFileType.CharacterDevice, UnixFileType.Of(device));
    }

    [Fact]
    public void ASymlinkPlantedAtTheOldTemporaryNameIsNeverFollowed()
    {
        var victim = Path.Combine(_dir.FullName, "victim");
        File.WriteAllText(victim, "keep");
        var path = Path.Combine(_dir.FullName, "codes.idx");
        // The name main's writer used: .NAME.PID.tmp, predictable for any process id.
        File.CreateSymbolicLink(Path.Combine(_dir.FullName, $".codes.idx.{Environment.ProcessId}.tmp"), victim);
        AtomicFile.WriteAllBytes(path, [9, 9]);
        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Equal([9, 9], File.ReadAllBytes(path));
    }

    [Fact]
    public void TemporaryFilesOfDeadWritersGoOnTheNextWriteAndLiveOnesStay()
    {
        var dead = ChildProcess.DeadProcessId();
        string[] stale = [$".model.safetensors.{dead}.tmp", $".model.safetensors.{dead}.0badc0de.tmp"];
        var live = $".model.safetensors.{Environment.ProcessId}.12345678.tmp";
        var unrelated = ".notes.tmp";
        foreach (var name in stale.Append(live).Append(unrelated))
        {
            File.WriteAllText(Path.Combine(_dir.FullName, name), "partial");
        }

        AtomicFile.WriteAllBytes(Path.Combine(_dir.FullName, "other.bin"), [1]);
        foreach (var name in stale)
        {
            Assert.False(File.Exists(Path.Combine(_dir.FullName, name)), name);
        }

        Assert.True(File.Exists(Path.Combine(_dir.FullName, live)));
        Assert.True(File.Exists(Path.Combine(_dir.FullName, unrelated)));
    }

    [Fact]
    public void MissingFoldersAndFilesInThePathAreNamed()
    {
        var plain = Path.Combine(_dir.FullName, "plain");
        File.WriteAllText(plain, "x");
        Assert.Equal($"{plain}/a.bin: a part of the path is not a folder", Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes($"{plain}/a.bin", [1])).Message);
        var missing = Path.Combine(_dir.FullName, "missing", "a.bin");
        Assert.Equal($"{missing}: no such folder", Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes(missing, [1])).Message);
        Assert.Equal("'': empty path", Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes("", [1])).Message);
        var longName = Path.Combine(_dir.FullName, new string('n', 300));
        Assert.Equal($"{longName}: file name too long", Assert.Throws<FileWriteException>(() => AtomicFile.WriteAllBytes(longName, [1])).Message);
        FaultAssert.NoTemporaryFiles(_dir.FullName);
    }

    internal static void MakeCharacterDevice(string path)
    {
        var (code, _, err) = ChildProcess.Run("mknod", path, "c", "1", "3");
        Assert.True(code == 0, $"this fault test needs a character device of its own (mknod, as root; CI runs as root): {err.Trim()}");
    }
}
