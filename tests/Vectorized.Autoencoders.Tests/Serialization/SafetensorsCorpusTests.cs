using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;
using Vectorized.Autoencoders.Tests.Data;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary>Every malformed safetensors file in tests/Corpus/safetensors fails with a FileFormatException naming the file and the expected reason.</summary>
public class SafetensorsCorpusTests
{
    public static TheoryData<string, string> Files => CorpusManifest.Entries("safetensors");

    [Fact]
    public void CorpusHasAtLeastFortyFiles() => Assert.True(Files.Count >= 40, $"{Files.Count} safetensors corpus files");

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadFailsWithTheExpectedReason(string file, string reason)
    {
        var path = CorpusManifest.PathOf(file);
        Assert.True(File.Exists(path), $"{path} is missing");
        var e = Assert.Throws<FileFormatException>(() => SafetensorsFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains(reason, e.Reason);
        Assert.DoesNotContain('\n', e.Message);

        var header = Assert.Throws<FileFormatException>(() => SafetensorsFile.ReadHeader(path));
        Assert.Equal(e.Reason, header.Reason);
    }
}
