using System.Text.RegularExpressions;
using Vectorized.Autoencoders.Cli.Report;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

public class HtmlReportWriterTests
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];

    private static ExperimentResult Result(string key, double lastLoss, double testLoss, double meanCode)
    {
        var spec = ArticleReference.Experiment(key);
        var result = new ExperimentResult(spec);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var history = Enumerable.Range(0, spec.Epochs).Select(e => lastLoss + 0.01 * (spec.Epochs - 1 - e)).ToArray();
            result.Add(seed, history, testLoss, meanCode, trainSeconds: 2.0 * spec.Epochs);
        }

        result.Figures.Add(new Figure($"{key}-reconstructions.png", $"{key}: originals over <reconstructions>", s_png));
        return result;
    }

    private static RunSummary Run(bool quick = false, double deepLoss = 0.0930) => new(
        [
            Result("deep", deepLoss, 0.0905, 8),
            Result("shallow", 0.0946, 0.0930, 7),
            Result("denoising", 0.1107, 0.1, 8),
            Result("standard", 0.0932, 0.0921, 6.59),
            Result("sparse", 0.1032, 0.1019, 0.776),
        ],
        new MachineInfo("AMD EPYC <test> & co", "avx512", 2, 2, "Linux", ".NET 10"),
        TotalSeconds: 432,
        Quick: quick,
        Finished: new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero),
        Version: "0.1.0");

    [Fact]
    public void AllTargetsMetIsReportedAndEachHasAMark()
    {
        var html = HtmlReportWriter.Render(Run());
        Assert.Contains("8 of 8 targets met", html);
        // 8 targets in the summary table and 8 again in the experiments' tables.
        Assert.Equal(16, Regex.Matches(html, "<td class=\"pass\">").Count);
        Assert.DoesNotContain("class=\"fail\"", html);
    }

    [Fact]
    public void AMissedTargetIsMarked()
    {
        var html = HtmlReportWriter.Render(Run(deepLoss: 0.0950));
        Assert.Contains("7 of 8 targets met", html);
        Assert.Contains("<td>train loss, epoch 3</td><td>0.0935</td><td>0.0935</td><td class=\"value\">0.0950</td><td>≤ 0.0945</td><td class=\"fail\">✗ missed</td>", html);
    }

    [Fact]
    public void EveryArticleNumberAppearsBesideThisRun()
    {
        var html = HtmlReportWriter.Render(Run());
        foreach (var n in ArticleReference.Numbers)
        {
            Assert.Contains($"<td>{HtmlReportWriter.Describe(n)}</td><td>{(n.Article is null ? "not printed" : Number.Format(n.Article))}</td>", html);
        }

        // Shallow epoch 1 of this run: 0.0946 + 4 * 0.01.
        Assert.Contains("<td>train loss, epoch 1</td><td>0.1624</td><td>0.1627</td><td class=\"value\">0.1346</td>", html);
        Assert.Contains("seconds per epoch", html);
        Assert.Contains("<td class=\"value\">2.0</td>", html);
    }

    [Fact]
    public void MachineAndTotalTimeAreShownAndEscaped()
    {
        var html = HtmlReportWriter.Render(Run());
        Assert.Contains("AMD EPYC &lt;test&gt; &amp; co", html);
        Assert.Contains("<th>SIMD path</th><td>avx512</td>", html);
        Assert.Contains("7 min 12 s", html);
        Assert.Contains("originals over &lt;reconstructions&gt;", html);
        Assert.DoesNotContain("<test>", html);
    }

    [Fact]
    public void PageIsSelfContained()
    {
        var html = HtmlReportWriter.Render(Run());
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        var sources = Regex.Matches(html, "<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").Select(m => Convert.FromBase64String(m.Groups[1].Value)).ToArray();
        Assert.Equal(5, sources.Length);
        Assert.All(sources, s => Assert.Equal(s_png, s));
    }

    [Fact]
    public void QuickRunSaysItsNumbersAreNotComparable()
    {
        Assert.Contains("Quick run", HtmlReportWriter.Render(Run(quick: true)));
        Assert.DoesNotContain("Quick run", HtmlReportWriter.Render(Run(quick: false)));
    }

    [Fact]
    public void WriteCreatesThePageAndEveryFigureFile()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"vecae-report-{Guid.NewGuid():N}");
        try
        {
            var page = HtmlReportWriter.Write(Run(), directory);
            Assert.Equal(Path.Combine(directory, "index.html"), page);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(page));
            Assert.Equal(s_png, File.ReadAllBytes(Path.Combine(directory, "sparse-reconstructions.png")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void CpuModelIsReadFromProcCpuinfo()
    {
        Assert.Equal("AMD EPYC 9R45", MachineInfo.CpuModel("processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9R45\nflags\t: fpu\n"));
        Assert.Null(MachineInfo.CpuModel("processor : 0\n"));
    }
}
