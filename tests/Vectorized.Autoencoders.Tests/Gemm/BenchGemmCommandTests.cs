using System.Text.Json;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Gemm;

public class BenchGemmCommandTests
{
    [Fact]
    public void JsonLineCarriesShapeThreadsKernelAndRate()
    {
        var (code, output, _) = Run("bench", "gemm", "--m", "24", "--n", "40", "--k", "16", "--transb", "--threads", "1", "--json");
        Assert.Equal(0, code);
        var line = Assert.Single(output.TrimEnd().Split('\n'));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(24, root.GetProperty("m").GetInt32());
        Assert.Equal(40, root.GetProperty("n").GetInt32());
        Assert.Equal(16, root.GetProperty("k").GetInt32());
        Assert.False(root.GetProperty("transA").GetBoolean());
        Assert.True(root.GetProperty("transB").GetBoolean());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Matches("^[0-9]+x[0-9]+-(avx512|avx2|v128|scalar)$", root.GetProperty("kernel").GetString());
        Assert.True(root.GetProperty("gflops").GetDouble() > 0);
    }

    [Fact]
    public void CpuTimeIsMarkedInTheJson()
    {
        var (code, output, _) = Run("bench", "gemm", "--m", "8", "--n", "8", "--k", "8", "--threads", "1", "--cpu-time", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output.Trim());
        Assert.Equal("cpu", doc.RootElement.GetProperty("clock").GetString());
    }

    [Fact]
    public void PartialShapeIsAUsageError()
    {
        var (code, _, err) = Run("bench", "gemm", "--m", "32");
        Assert.Equal(2, code);
        Assert.Equal("error: bench gemm: give all of --m, --n and --k, or none", err.TrimEnd());
    }

    [Fact]
    public void UnknownBenchmarkIsAUsageError()
    {
        var (code, _, err) = Run("bench", "fft");
        Assert.Equal(2, code);
        Assert.Equal("error: bench: unknown benchmark 'fft'; choose one of: gemm, train, infer", err.TrimEnd());
    }
}
