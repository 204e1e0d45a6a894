using System.Globalization;
using Vectorized.Autoencoders.Data;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Tsne;

public sealed class TsneCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vecae-tsne-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string X, string Labels) WriteClusters()
    {
        var (x, labels) = TsneTestData.Clusters(4, 40, 6, 12);
        var xPath = Path.Combine(_dir, "x.idx");
        var labelsPath = Path.Combine(_dir, "y.idx");
        IdxWriter.Write(xPath, IdxArray.Create<float>(x, 160, 6));
        IdxWriter.Write(labelsPath, IdxArray.Create<byte>(labels.Select(l => (byte)l).ToArray(), 160));
        return (xPath, labelsPath);
    }

    [Fact]
    public void EmbedsAnIdxMatrixAndReportsJson()
    {
        var (x, labels) = WriteClusters();
        var csv = Path.Combine(_dir, "map.csv");
        var (code, output, err) = Run("tsne", "--input", x, "--labels", labels, "--perplexity", "10", "--iterations", "300", "--threads", "2", "--out", csv, "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(160, doc.RootElement.GetProperty("points").GetInt32());
        Assert.True(doc.RootElement.GetProperty("seconds").GetDouble() > 0);
        Assert.True(doc.RootElement.GetProperty("kl").GetDouble() > 0);
        Assert.True(doc.RootElement.GetProperty("knn10_accuracy").GetDouble() >= 0.99);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(161, lines.Length);
        Assert.Equal("x,y,label", lines[0]);
    }

    [Fact]
    public void DrawsAPngScatterPlot()
    {
        var (x, labels) = WriteClusters();
        var png = Path.Combine(_dir, "map.png");
        var (code, _, err) = Run("tsne", "--input", x, "--labels", labels, "--perplexity", "10", "--iterations", "50", "--out", png);
        Assert.True(code == 0, err);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(png)[..4]);
    }

    /// <summary>
    /// 200 points without clusters, 100 iterations: spent entirely in early exaggeration, the map
    /// used to shrink to a 1e-11 wide dot (and the PNG of it never finished drawing).
    /// </summary>
    [Theory]
    [InlineData(".csv")]
    [InlineData(".png")]
    [InlineData(".svg")]
    public void AShortRunOfFewPointsEndsSpreadOutAndDrawn(string extension)
    {
        var x = Path.Combine(_dir, "uniform.idx");
        IdxWriter.Write(x, IdxArray.Create<float>(TsneTestData.Uniform(200 * 10, 1f, 3), 200, 10));
        var csv = Path.Combine(_dir, "map.csv");
        var (code, _, err) = Run("tsne", "--input", x, "--iterations", "100", "--threads", "2", "--out", csv);
        Assert.True(code == 0, err);
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToArray();
        double Spread(int column) => rows.Max(r => double.Parse(r[column], CultureInfo.InvariantCulture)) - rows.Min(r => double.Parse(r[column], CultureInfo.InvariantCulture));
        Assert.True(Spread(0) > 1 && Spread(1) > 1, $"map spread {Spread(0)} x {Spread(1)}");

        var figure = Path.Combine(_dir, "map" + extension);
        (code, _, err) = Bounded(() => Run("tsne", "--input", x, "--iterations", "100", "--threads", "2", "--out", figure));
        Assert.True(code == 0, err);
        Assert.True(new FileInfo(figure).Length > 0);
    }

    /// <summary>Identical rows have no spread to show at all: the map must still be drawn.</summary>
    [Theory]
    [InlineData(".png")]
    [InlineData(".svg")]
    public void IdenticalRowsStillDrawAMap(string extension)
    {
        var x = Path.Combine(_dir, "same.idx");
        IdxWriter.Write(x, IdxArray.Create<float>(Enumerable.Repeat(0.5f, 40 * 3).ToArray(), 40, 3));
        var figure = Path.Combine(_dir, "map" + extension);
        var (code, _, err) = Bounded(() => Run("tsne", "--input", x, "--iterations", "20", "--out", figure));
        Assert.True(code == 0, err);
        Assert.True(new FileInfo(figure).Length > 0);
    }

    /// <summary>A hang guard, not a timing: the failure this catches was an endless drawing loop.</summary>
    private static T Bounded<T>(Func<T> run)
    {
        var task = Task.Run(run);
        Assert.True(task.Wait(TimeSpan.FromMinutes(2)), "the command did not finish");
        return task.Result;
    }

    [Theory]
    [InlineData("--raw", "--input", "x.idx")]
    [InlineData("--points", "100")]
    public void NeedsExactlyOneSource(params string[] extra)
    {
        var (code, _, err) = Run(["tsne", .. extra]);
        Assert.Equal(2, code);
        Assert.Equal("error: tsne: give exactly one of --model FILE, --raw or --input FILE", err.TrimEnd());
    }

    [Fact]
    public void BadInputFileIsOneLineNamingTheFile()
    {
        var path = Path.Combine(_dir, "bad.idx");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8]);
        var (code, _, err) = Run("tsne", "--input", path);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {path}:", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}
