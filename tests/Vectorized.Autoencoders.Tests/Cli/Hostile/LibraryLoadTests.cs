using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Cli.Hostile;

/// <summary>The checks live where loading happens, so a library user gets them without the CLI.</summary>
public class LibraryLoadTests
{
    [Fact]
    public void AutoencoderLoadRaisesFileFormatExceptionWithPrintableText()
    {
        using var files = new HostileFiles();
        var path = files.Model("bell.safetensors", (_, metadata) => metadata[Autoencoder.ArchitectureKey] = "{\"layers\":[784,8,784],\"loss\":\"\\u0007\"}");
        var e = Assert.Throws<FileFormatException>(() => Autoencoder.Load(path));
        Assert.Equal(path, e.FilePath);
        Assert.DoesNotContain('\u0007', e.Message);
    }

    [Fact]
    public void NonFiniteParametersAreRefusedByTheLibrary()
    {
        using var files = new HostileFiles();
        var path = files.Model("nan.safetensors", (tensors, _) => tensors["decoder.0.weight"].Data[^1] = float.NaN);
        var e = Assert.Throws<FileFormatException>(() => Autoencoder.Load(path));
        Assert.Equal("decoder.0.weight holds NaN", e.Reason);
    }

    [Fact]
    public void GarbageAfterAGzipMemberIsRefusedByTheIdxReader()
    {
        using var files = new HostileFiles();
        var gz = files.Gzip(MnistDataset.TestLabelsFile, [0x42]);
        var e = Assert.Throws<FileFormatException>(() => IdxReader.Read(gz));
        Assert.StartsWith("trailing data after the gzip member", e.Reason);
        Assert.Throws<FileFormatException>(() => IdxReader.ReadHeader(gz));
    }

    [Fact]
    public void TrainingOnNoSamplesIsRefused()
    {
        var model = Autoencoder.Create(HostileFiles.Small, seed: 1);
        var empty = new ImageSetSource(new ImageSet(ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, 28, 28));
        Assert.Throws<ArgumentException>(() => model.Fit(empty, new TrainingOptions { Epochs = 1 }));
    }
}
