using Vectorized.Autoencoders.Cli.Report;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// A symlink planted at any path vecae writes, or a device node named as the output: refused as
/// "not a regular file", the link and the file it points to untouched, the node still a node.
/// </summary>
public sealed class SymlinkAndDeviceTests : IDisposable
{
    private readonly FaultScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData("checkpoint.safetensors")]
    [InlineData("model.safetensors")]
    [InlineData("history.json")]
    public void TrainRefusesASymlinkAtEachOutput(string name)
    {
        var output = _scratch.Path("run-" + name);
        Directory.CreateDirectory(output);
        AssertRefused(Path.Combine(output, name), link => Run(["train", .. _scratch.TrainArgs(output)]));
    }

    [Theory]
    [InlineData("reconstructions.png")]
    [InlineData("denoising.png")]
    [InlineData("filters.png")]
    [InlineData("code-density.svg")]
    public void FiguresRefuseASymlinkAtEachOutput(string name)
    {
        var output = _scratch.Path("figures-" + name);
        Directory.CreateDirectory(output);
        AssertRefused(Path.Combine(output, name), link => Run("figures", "--model", _scratch.Model, "--data", _scratch.Data, "--out", output, "--noise", "0.3", "--count", "2", "--threads", "1"));
    }

    [Theory]
    [InlineData("map.png")]
    [InlineData("map.svg")]
    [InlineData("map.csv")]
    public void TsneRefusesASymlinkAsItsMap(string name) =>
        AssertRefused(_scratch.Path(name), link => Run(["tsne", .. _scratch.TsneArgs(link)]));

    [Fact]
    public void EncodeRefusesASymlinkAsItsOutput() =>
        AssertRefused(_scratch.Path("codes.idx"), link => Run("encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", link));

    [Theory]
    [InlineData("index.html")]
    [InlineData("results.json")]
    [InlineData("deep-reconstructions.png")]
    public void TheReportRefusesASymlinkAtEachOutput(string name)
    {
        var output = _scratch.Path("report-" + name);
        Directory.CreateDirectory(output);
        AssertRefused(Path.Combine(output, name), link =>
        {
            try
            {
                HtmlReportWriter.Write(ReportRun(), output);
                return (0, "", "");
            }
            catch (Vectorized.Autoencoders.IO.FileWriteException e)
            {
                return (2, "", $"error: {e.Message}\n");
            }
        });
    }

    [Fact]
    public void EncodesTemporaryNameIsNoLongerPredictable()
    {
        // main wrote through .codes.idx.PID.tmp with O_TRUNC: a link planted there was followed.
        var victim = _scratch.Path("victim");
        File.WriteAllText(victim, "keep");
        var codes = _scratch.Path("codes.idx");
        File.CreateSymbolicLink(_scratch.Path($".codes.idx.{Environment.ProcessId}.tmp"), victim);
        Assert.Equal(0, Run("encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", codes).Code);
        Assert.Equal("keep", File.ReadAllText(victim));
    }

    [Theory]
    [InlineData("encode")]
    [InlineData("tsne")]
    public void ACharacterDeviceAsOutputIsRefusedAndStaysADevice(string command)
    {
        // A node of the test's own, like /dev/null: a failing run on main must not replace the real one.
        var device = _scratch.Path(command == "tsne" ? "null.png" : "null");
        AtomicFileTests.MakeCharacterDevice(device);
        var result = command == "encode"
            ? Run("encode", "--model", _scratch.Model, "--data", _scratch.Data, "--out", device)
            : Run(["tsne", .. _scratch.TsneArgs(device)]);
        Assert.Equal(UnixFileType.CharacterDevice, UnixFileType.Of(device));
        FaultAssert.OneErrorLine(result, device, "not a regular file");
    }

    private void AssertRefused(string path, Func<string, (int Code, string Out, string Err)> run)
    {
        var victim = _scratch.Path("victim-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(victim, "keep");
        File.CreateSymbolicLink(path, victim);
        FaultAssert.OneErrorLine(run(path), path, "not a regular file");
        Assert.Equal("keep", File.ReadAllText(victim));
        Assert.Equal(UnixFileType.SymbolicLink, UnixFileType.Of(path));
        FaultAssert.NoTemporaryFiles(Path.GetDirectoryName(path)!);
    }

    private static RunSummary ReportRun()
    {
        var spec = ArticleReference.Experiment("deep");
        var result = new ExperimentResult(spec);
        result.Add(1, Enumerable.Repeat(0.1, spec.Epochs).ToArray(), 0.1, 8, trainSeconds: 1);
        result.Figures.Add(new Figure("deep-reconstructions.png", "deep", [0x89, 0x50, 0x4E, 0x47]));
        return new RunSummary([result], new MachineInfo("cpu", "avx2", 1, 1, "Linux", ".NET 10"), TotalSeconds: 1, Quick: true, Finished: DateTimeOffset.UnixEpoch, Version: "0");
    }
}
