using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>Every malformed IDX file in tests/Corpus/idx fails with a FileFormatException naming the file and the expected reason.</summary>
public class IdxCorpusTests
{
    public static TheoryData<string, string> Files => CorpusManifest.Entries("idx");

    [Fact]
    public void CorpusHasAtLeastTwentyFiles() => Assert.True(Files.Count >= 20, $"{Files.Count} IDX corpus files");

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadFailsWithTheExpectedReason(string file, string reason)
    {
        var path = CorpusManifest.PathOf(file);
        Assert.True(File.Exists(path), $"{path} is missing");
        var e = Assert.Throws<FileFormatException>(() => IdxReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(reason, e.Reason);
        Assert.Equal($"{path}: {e.Reason}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void HeaderOnlyReadFailsToo(string file, string reason)
    {
        // ReadHeader may stop at the size limit check a full read makes later, but never accepts the file.
        var path = CorpusManifest.PathOf(file);
        var e = Assert.Throws<FileFormatException>(() => IdxReader.ReadHeader(path));
        Assert.Equal(path, e.FilePath);
        if (!reason.Contains("more than", StringComparison.Ordinal))
        {
            Assert.Contains(reason, e.Reason);
        }
    }
}
