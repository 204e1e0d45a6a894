using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization.Npy;
using Vectorized.Autoencoders.Tests.Cli;

namespace Vectorized.Autoencoders.Tests.Serialization.Npy;

/// <summary>Every hostile .npy file fails with the expected one-line reason, without allocating what its header claims.</summary>
public class NpyCorpusTests
{
    /// <summary>More than any corpus file's size, far less than any of their false claims.</summary>
    private const long AllocationBudget = 1 << 20;

    public static TheoryData<string, string> Files => NpyCorpus.Entries();

    [Fact]
    public void CorpusHasAtLeastFifteenFiles() => Assert.True(Files.Count >= 15, $"{Files.Count} .npy corpus files");

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadFailsWithTheExpectedReason(string file, string reason)
    {
        var path = Path.Combine(NpyCorpus.Folder, file);
        Assert.True(File.Exists(path), $"{path} is missing");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<FileFormatException>(() => NpyReader.Read(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < AllocationBudget, $"{file}: reading allocated {allocated} bytes");
        Assert.Equal(path, e.FilePath);
        Assert.Contains(reason, e.Reason);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Equal(e.Reason, Assert.Throws<FileFormatException>(() => NpyReader.ReadHeader(path)).Reason);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void InspectPrintsOneLineAndExitsWithTwo(string file, string reason) =>
        CommandRunner.AssertUsageError(reason, "inspect", Path.Combine(NpyCorpus.Folder, file));

    [Theory]
    [MemberData(nameof(Files))]
    public void TsneInputPrintsOneLineAndExitsWithTwo(string file, string reason) =>
        CommandRunner.AssertUsageError(reason, "tsne", "--input", Path.Combine(NpyCorpus.Folder, file));
}
