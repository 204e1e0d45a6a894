using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary>The checkpoint container: tensors and string metadata round trip, and only checkpoints are accepted as such.</summary>
public class CheckpointFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vecae-ckpt-");

    public void Dispose()
    {
        _dir.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void WeightsMomentsAndStateRoundTrip()
    {
        var path = Path.Combine(_dir.FullName, "train.ckpt");
        var parameters = Enumerable.Range(0, 100).Select(i => MathF.Sin(i)).ToArray();
        var m = parameters.Select(p => p * 0.1f).ToArray();
        var v = parameters.Select(p => p * p).ToArray();
        CheckpointFile.Write(
            path,
            [
                // Slices of one flat buffer, as a trainer with a flat parameter layout would pass them.
                NamedTensor.Float32("encoder.0.weight", parameters.AsMemory(0, 90), 10, 9),
                NamedTensor.Float32("encoder.0.bias", parameters.AsMemory(90, 10), 10),
                NamedTensor.Float32("optimizer.m", m, m.Length),
                NamedTensor.Float32("optimizer.v", v, v.Length),
            ],
            new Dictionary<string, string> { ["epoch"] = "3", ["step"] = "5625", ["rng"] = "0123456789abcdef:42" });

        var checkpoint = CheckpointFile.Read(path);
        Assert.Equal(3, checkpoint.GetInt64("epoch"));
        Assert.Equal(5625, checkpoint.GetInt64("step"));
        Assert.Equal("0123456789abcdef:42", checkpoint.GetString("rng"));
        var restored = new float[100];
        checkpoint.CopyFloat32("encoder.0.weight", restored.AsSpan(0, 90));
        checkpoint.CopyFloat32("encoder.0.bias", restored.AsSpan(90, 10));
        Assert.Equal(parameters, restored);
        Assert.Equal(m, checkpoint.GetFloat32("optimizer.m"));
        Assert.Equal(v, checkpoint.GetFloat32("optimizer.v"));
    }

    [Fact]
    public void PlainModelFileIsNotACheckpoint()
    {
        var path = Path.Combine(_dir.FullName, "model.safetensors");
        SafetensorsWriter.Write(path, [NamedTensor.Float32("w", new float[] { 1 }, 1)], new Dictionary<string, string> { ["format"] = "pt" });
        var e = Assert.Throws<FileFormatException>(() => CheckpointFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("not a vecae checkpoint", e.Reason);
    }

    [Fact]
    public void MissingOrNonNumericMetadataIsAFileError()
    {
        var path = Path.Combine(_dir.FullName, "c.ckpt");
        CheckpointFile.Write(path, [], new Dictionary<string, string> { ["epoch"] = "three" });
        var checkpoint = CheckpointFile.Read(path);
        Assert.Contains("'epoch' is 'three', not an integer", Assert.Throws<FileFormatException>(() => checkpoint.GetInt64("epoch")).Reason);
        Assert.Contains("has no 'step'", Assert.Throws<FileFormatException>(() => checkpoint.GetString("step")).Reason);
    }

    [Fact]
    public void KindKeyIsReservedForTheWriter()
    {
        var path = Path.Combine(_dir.FullName, "k.ckpt");
        Assert.Throws<ArgumentException>(() => CheckpointFile.Write(path, [], new Dictionary<string, string> { [CheckpointFile.KindKey] = "x" }));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileAndLeavesNoTemporary()
    {
        var path = Path.Combine(_dir.FullName, "keep.ckpt");
        CheckpointFile.Write(path, [NamedTensor.Float32("w", new float[] { 7 }, 1)], new Dictionary<string, string>());
        var before = File.ReadAllBytes(path);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("simulated failure mid-write");
        }));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_dir.FullName));
    }
}
