using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;
using Vectorized.Autoencoders.Tests.Data;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary><c>vecae inspect</c>: what it prints for each kind of file, and one line + exit code 2 for a malformed one.</summary>
public class InspectCommandTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vecae-inspect-");

    public void Dispose()
    {
        _dir.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void ModelShowsMetadataNamesDtypesAndShapes()
    {
        var path = Path.Combine(_dir.FullName, "model.safetensors");
        SafetensorsWriter.Write(
            path,
            [
                NamedTensor.Float32("encoder.0.weight", new float[32 * 784], 32, 784),
                NamedTensor.Float32("encoder.0.bias", new float[32], 32),
            ],
            new Dictionary<string, string> { ["format"] = "pt", ["architecture"] = """{"layers":[784,32,784]}""" });

        var (code, output, err) = Run("inspect", path);
        Assert.Equal(0, code);
        Assert.Empty(err);
        Assert.Contains($"{path}: safetensors, 2 tensors, 100,480 data bytes", output);
        Assert.Contains("  format: pt", output);
        Assert.Contains("""  architecture: {"layers":[784,32,784]}""", output);
        Assert.Matches(@"encoder\.0\.weight +F32 +\[32, 784\]", output);
        Assert.Matches(@"encoder\.0\.bias +F32 +\[32\]", output);
        Assert.Contains("elements: 25,120", output);
    }

    [Fact]
    public void JsonFormIsOneParsableObject()
    {
        var model = Path.Combine(_dir.FullName, "m.safetensors");
        SafetensorsWriter.Write(model, [NamedTensor.Float32("encoder.0.weight", new float[6], 2, 3)], new Dictionary<string, string> { ["format"] = "pt" });
        var (code, output, _) = Run("inspect", model, "--json");
        Assert.Equal(0, code);
        using (var doc = System.Text.Json.JsonDocument.Parse(output))
        {
            var root = doc.RootElement;
            Assert.Equal("safetensors", root.GetProperty("format").GetString());
            Assert.Equal("pt", root.GetProperty("metadata").GetProperty("format").GetString());
            var tensor = root.GetProperty("tensors")[0];
            Assert.Equal("encoder.0.weight", tensor.GetProperty("name").GetString());
            Assert.Equal("F32", tensor.GetProperty("dtype").GetString());
            Assert.Equal([2, 3], tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal([0, 24], tensor.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        }

        var idx = Path.Combine(_dir.FullName, "labels-idx1-ubyte");
        IdxWriter.Write(idx, IdxArray.Create<byte>([1, 2, 3], 3));
        (code, output, _) = Run("inspect", idx, "--json");
        Assert.Equal(0, code);
        using (var doc = System.Text.Json.JsonDocument.Parse(output))
        {
            Assert.Equal("idx", doc.RootElement.GetProperty("format").GetString());
            Assert.Equal("u8", doc.RootElement.GetProperty("type").GetString());
            Assert.Equal(3, doc.RootElement.GetProperty("dimensions")[0].GetInt32());
        }
    }

    [Fact]
    public void JsonListsThousandsOfTensorsAcrossFlushes()
    {
        var path = Path.Combine(_dir.FullName, "many.safetensors");
        SafetensorsWriter.Write(path, Enumerable.Range(0, 3000).Select(i => NamedTensor.FromBytes($"t{i:D4}", SafetensorsDType.U8, new byte[] { 1 }, 1)));
        var (code, output, _) = Run("inspect", path, "--json");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(3000, doc.RootElement.GetProperty("tensors").GetArrayLength());
    }

    [Fact]
    public void CheckpointIsNamedAsOne()
    {
        var path = Path.Combine(_dir.FullName, "run.ckpt");
        CheckpointFile.Write(path, [NamedTensor.Float32("adam.m", new float[3], 3)], new Dictionary<string, string> { ["epoch"] = "2" });
        var (code, output, _) = Run("inspect", path);
        Assert.Equal(0, code);
        Assert.Contains("checkpoint (safetensors), 1 tensors", output);
        Assert.Contains("  epoch: 2", output);
    }

    [Fact]
    public void IdxShowsTypeAndDimensionsRawOrGzip()
    {
        var raw = Path.Combine(_dir.FullName, "codes-idx2-float");
        var gz = Path.Combine(_dir.FullName, "images.gz");
        IdxWriter.Write(raw, IdxArray.Create<float>(new float[6], 3, 2));
        IdxWriter.Write(gz, IdxArray.Create<byte>(new byte[2 * 4 * 5], 2, 4, 5), gzip: true);

        var (code, output, _) = Run("inspect", raw);
        Assert.Equal(0, code);
        Assert.Contains("type:       f32 (0x0D)", output);
        Assert.Contains("dimensions: [3, 2]", output);

        (code, output, _) = Run("inspect", gz);
        Assert.Equal(0, code);
        Assert.Contains("type:       u8 (0x08)", output);
        Assert.Contains("dimensions: [2, 4, 5]", output);
    }

    [Fact]
    public void MissingFileIsOneLine()
    {
        var path = Path.Combine(_dir.FullName, "nope.safetensors");
        var (code, output, err) = Run("inspect", path);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: {path}: no such file", err.TrimEnd());
    }

    [Fact]
    public void NoFileIsAUsageError()
    {
        var (code, _, err) = Run("inspect");
        Assert.Equal(2, code);
        Assert.StartsWith("error: inspect: which file?", err);
    }

    /// <summary>The corpus, less the files that are valid in the other format (inspect sniffs the content, so it accepts them).</summary>
    public static TheoryData<string, string> Corpus()
    {
        var rows = new TheoryData<string, string>();
        foreach (var row in CorpusManifest.Entries("safetensors").Concat(CorpusManifest.Entries("idx")))
        {
            if (!((string)row[0]).Contains("-as-", StringComparison.Ordinal))
            {
                rows.Add((string)row[0], (string)row[1]);
            }
        }

        return rows;
    }

    [Fact]
    public void FormatIsChosenByContentNotName()
    {
        var (code, output, _) = Run("inspect", CorpusManifest.PathOf("safetensors/idx-file-as-safetensors.safetensors"));
        Assert.Equal(0, code);
        Assert.Contains("dimensions: [2]", output);

        (code, output, _) = Run("inspect", CorpusManifest.PathOf("idx/safetensors-as-idx.idx"));
        Assert.Equal(0, code);
        Assert.Contains("safetensors, 0 tensors", output);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void EveryMalformedFileIsOneErrorLineAndCode2WithinBoundedMemory(string file, string reason)
    {
        var path = CorpusManifest.PathOf(file);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (code, output, err) = Run("inspect", path);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2, code);
        Assert.Empty(output);
        var line = err.TrimEnd('\n');
        Assert.DoesNotContain('\n', line);
        Assert.StartsWith($"error: {path}: ", line);
        Assert.DoesNotContain("   at ", line); // no stack trace

        // Inspect streams gzip to its end instead of stopping at the in-memory size limit, so that reason differs.
        if (!reason.Contains("more than", StringComparison.Ordinal) || file.EndsWith(".safetensors", StringComparison.Ordinal))
        {
            Assert.Contains(reason, line);
        }

        // Whatever the file claims, inspecting it costs memory in proportion to its real size (all are tiny).
        Assert.True(allocated < 8 << 20, $"inspect allocated {allocated} bytes");
    }
}
