using Vectorized.Autoencoders.Data;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli.Hostile;

/// <summary>
/// Data files that are well-formed bytes around a wrong meaning (issues 16 and 17): garbage after a
/// gzip member, empty sets, shapes that make no sense, a batch far larger than the data.
/// </summary>
public class DataFileMeaningTests
{
    private static string[] Eval(HostileFiles files, string model) => ["eval", "--model", model, "--data", files.Data, "--threads", "1"];

    [Theory]
    [InlineData(new byte[] { 0x67, 0x61, 0x72, 0x62, 0x61, 0x67, 0x65 })]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x1F })]
    [InlineData(new byte[] { 0x1F, 0x8B })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    public void GarbageAfterTheGzipMemberIsAnError(byte[] trailer)
    {
        using var files = new HostileFiles();
        var model = files.Model("model.safetensors");
        var gz = files.Gzip(MnistDataset.TestImagesFile, trailer);
        AssertUsageError($"{gz}: trailing data after the gzip member", Eval(files, model));
    }

    [Fact]
    public void AConcatenatedMemberCountsAsTrailingData()
    {
        using var files = new HostileFiles();
        var model = files.Model("model.safetensors");
        var gz = files.Gzip(MnistDataset.TestLabelsFile, []);
        File.AppendAllBytes(gz, File.ReadAllBytes(gz));
        AssertUsageError($"{gz}: trailing data after the gzip member", Eval(files, model));
    }

    [Fact]
    public void AnExactGzipMemberLoads()
    {
        using var files = new HostileFiles();
        var model = files.Model("model.safetensors");
        files.Gzip(MnistDataset.TestImagesFile, []);
        files.Gzip(MnistDataset.TestLabelsFile, []);
        var (code, output, err) = Run(Eval(files, model));
        Assert.True(code == 0, err);
        Assert.Contains("over 24 samples", output);
    }

    [Fact]
    public void ACorruptGzipTrailerIsAnError()
    {
        using var files = new HostileFiles();
        var model = files.Model("model.safetensors");
        var gz = files.Gzip(MnistDataset.TestLabelsFile, []);
        var bytes = File.ReadAllBytes(gz);
        bytes[^1] ^= 0x01; // the length mod 2^32
        File.WriteAllBytes(gz, bytes);
        AssertUsageError($"{gz}: corrupt gzip stream", Eval(files, model));
    }

    [Fact]
    public void TrailingBytesAfterTheIdxPayloadAreAnError()
    {
        using var files = new HostileFiles();
        var model = files.Model("model.safetensors");
        var labels = Path.Combine(files.Data, MnistDataset.TestLabelsFile);
        File.AppendAllBytes(labels, [1, 2, 3]);
        AssertUsageError($"{labels}: 3 bytes of trailing data", Eval(files, model));
    }

    [Fact]
    public void AnEmptyTrainingSetIsAnErrorNamingTheFile()
    {
        using var files = new HostileFiles();
        files.ReplaceData<byte>(MnistDataset.TrainImagesFile, [], 0, 28, 28);
        files.ReplaceData<byte>(MnistDataset.TrainLabelsFile, [], 0);
        var images = Path.Combine(files.Data, MnistDataset.TrainImagesFile);
        AssertUsageError($"{images}: holds no images", "train", "--model", "custom", "--layers", "784,8,784", "--epochs", "1", "--data", files.Data, "--out", files.PathOf("out"), "--quiet");
        Assert.False(Directory.Exists(files.PathOf("out")));
    }

    [Fact]
    public void AnEmptyTestSetIsAnErrorNamingTheFileForEvalAndFigures()
    {
        using var files = new HostileFiles();
        var model = files.Model("model.safetensors");
        files.ReplaceData<byte>(MnistDataset.TestImagesFile, [], 0, 28, 28);
        files.ReplaceData<byte>(MnistDataset.TestLabelsFile, [], 0);
        var images = Path.Combine(files.Data, MnistDataset.TestImagesFile);
        AssertUsageError($"{images}: holds no images", Eval(files, model));
        AssertUsageError($"{images}: holds no images", "figures", "--model", model, "--data", files.Data, "--out", files.PathOf("figures"));
    }

    [Theory]
    [InlineData(new[] { 0, int.MaxValue, int.MaxValue }, "has rows of more than 2147483647 values")]
    [InlineData(new[] { 60, 0 }, "has rows of no values")]
    [InlineData(new[] { 0, 4 }, "holds 0 rows; tsne needs at least 2")]
    public void TsneInputWithSizesThatMakeNoSenseIsOneLine(int[] dimensions, string reason)
    {
        using var files = new HostileFiles();
        var input = files.PathOf("input.idx");
        // The header alone: the element count is 0, so the file is valid IDX with no data.
        IdxWriter.Write(input, IdxArray.Create<float>([], dimensions));
        AssertUsageError($"{input}: IDX shape [{string.Join(", ", dimensions)}] {reason}", "tsne", "--input", input, "--out", files.PathOf("map.csv"));
    }

    [Fact]
    public async Task TheBatchIsClampedToTheDataSet()
    {
        // 65,536 rows of the deep model's activations need gigabytes; the 96 images of the set a few MB.
        using var files = new HostileFiles();
        var (code, err) = await HostileFiles.RunCappedAsync(256,
            "train", "--model", "deep", "--limit", "100", "--batch", "65536", "--epochs", "1", "--threads", "1", "--data", files.Data, "--out", files.PathOf("out"), "--quiet");
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(files.PathOf("out"), "model.safetensors")));
    }
}
