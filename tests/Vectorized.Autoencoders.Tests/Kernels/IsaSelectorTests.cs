using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using Vectorized.Autoencoders.Cli;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// VECAE_ISA narrows the path. The selector is process-wide state, so the environment variable is
/// exercised in child <c>vecae info</c> processes rather than by changing this process's state.
/// </summary>
public class IsaSelectorTests
{
    [Theory]
    [InlineData("scalar", Isa.Scalar)]
    [InlineData("V128", Isa.V128)]
    [InlineData(" neon ", Isa.V128)]
    [InlineData("avx2", Isa.Avx2)]
    [InlineData("AVX512", Isa.Avx512)]
    public void ParseAcceptsThePathNames(string value, Isa expected) => Assert.Equal(expected, IsaSelector.Parse(value));

    [Theory]
    [InlineData("")]
    [InlineData("avx")]
    [InlineData("sse4")]
    public void ParseRejectsUnknownNames(string value) => Assert.Throws<ArgumentException>(() => IsaSelector.Parse(value));

    [Fact]
    public void HardwarePathMatchesWhatTheRuntimeAccelerates()
    {
        var expected = Vector512.IsHardwareAccelerated ? Isa.Avx512
            : Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported ? Isa.Avx2
            : Vector128.IsHardwareAccelerated ? Isa.V128 : Isa.Scalar;
        Assert.Equal(expected, IsaSelector.Hardware);

        // Without VECAE_ISA the widest path is used (this guards the static-initialisation order
        // that once resolved the variable before the hardware was detected).
        var requested = Environment.GetEnvironmentVariable(IsaSelector.EnvironmentVariable);
        var current = string.IsNullOrWhiteSpace(requested) ? IsaSelector.Hardware : (Isa)Math.Min((int)IsaSelector.Parse(requested), (int)IsaSelector.Hardware);
        Assert.Equal(current, IsaSelector.Current);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("scalar")]
    [InlineData("v128")]
    [InlineData("avx2")]
    [InlineData("avx512")]
    public void VecaeInfoReportsTheNarrowedPath(string? requested)
    {
        var (code, stdout, stderr) = RunVecae(requested, "info", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var hardware = IsaSelector.Parse(doc.RootElement.GetProperty("hardware_isa").GetString()!);
        var expected = requested is null ? hardware : (Isa)Math.Min((int)IsaSelector.Parse(requested), (int)hardware);
        Assert.Equal(expected, IsaSelector.Parse(doc.RootElement.GetProperty("isa").GetString()!));
        Assert.True(doc.RootElement.GetProperty("threads").GetInt32() >= 1);
    }

    [Fact]
    public void UnknownVecaeIsaIsOneErrorLineNotAStackTrace()
    {
        var (code, _, stderr) = RunVecae("avx9000", "info");
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Equal("error: VECAE_ISA: Unknown ISA 'avx9000'; expected scalar, v128, avx2 or avx512.", stderr.TrimEnd());
    }

    private static (int Code, string Stdout, string Stderr) RunVecae(string? isa, params string[] args)
    {
        // vecae.dll sits next to the test assembly (the test project references the CLI).
        var vecae = Path.Combine(AppContext.BaseDirectory, "vecae.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(vecae);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove(IsaSelector.EnvironmentVariable);
        if (isa is not null)
        {
            psi.Environment[IsaSelector.EnvironmentVariable] = isa;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
