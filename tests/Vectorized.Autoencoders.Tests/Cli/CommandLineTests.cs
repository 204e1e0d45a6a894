using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void UnknownCommandIsOneLineAndCode2()
    {
        var (code, _, err) = Run("frobnicate");
        Assert.Equal(2, code);
        Assert.StartsWith("error: unknown command 'frobnicate'", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void InfoUnknownFlagIsRejected()
    {
        var (code, _, err) = Run("info", "--fast");
        Assert.Equal(2, code);
        Assert.Equal("error: info: unknown flag --fast; run 'vecae info --help'", err.TrimEnd());
    }

    [Fact]
    public void InfoJsonParsesAndNamesThePath()
    {
        var (code, output, _) = Run("info", "--json");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var isa = doc.RootElement.GetProperty("isa").GetString();
        Assert.Contains(isa, new[] { "scalar", "v128", "avx2", "avx512" });
        Assert.True(doc.RootElement.GetProperty("threads").GetInt32() >= 1);
    }

    [Fact]
    public void InfoReportsTheHardwarePathUnlessNarrowed()
    {
        // Guards the static-initialisation order of IsaSelector: the chosen path must not fall
        // back to scalar just because it was resolved before the hardware was probed.
        var requested = Environment.GetEnvironmentVariable(Vectorized.Autoencoders.Simd.IsaSelector.EnvironmentVariable);
        var hardware = Vectorized.Autoencoders.Simd.IsaSelector.Hardware;
        var expected = requested is null ? hardware : (Vectorized.Autoencoders.Simd.Isa)Math.Min((int)hardware, (int)Vectorized.Autoencoders.Simd.IsaSelector.Parse(requested));

        var (_, output, _) = Run("info", "--json");
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(expected.ToString().ToLowerInvariant(), doc.RootElement.GetProperty("isa").GetString());
    }
}
