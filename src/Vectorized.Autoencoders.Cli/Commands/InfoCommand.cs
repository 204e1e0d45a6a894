using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae info</c>: what this binary runs on, and which kernel path it picked.</summary>
public static class InfoCommand
{
    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Flag("json");
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae info [--json]");
            stdout.WriteLine("prints the CPU's SIMD support, the kernel path in use (VECAE_ISA narrows it) and the thread count");
            return 0;
        }

        args.EnsureAllUsed();
        if (IsaSelector.EnvironmentError is { } error)
        {
            throw new CliException(error);
        }

        var isa = IsaSelector.Current.ToString().ToLowerInvariant();
        var hw = IsaSelector.Hardware.ToString().ToLowerInvariant();
        var threads = Environment.ProcessorCount;
        if (json)
        {
            stdout.WriteLine($$"""{"version":"{{CommandLine.Version}}","arch":"{{RuntimeInformation.ProcessArchitecture}}","hardware_isa":"{{hw}}","isa":"{{isa}}","threads":{{threads}},"vector512":{{Lower(Vector512.IsHardwareAccelerated)}},"vector256":{{Lower(Vector256.IsHardwareAccelerated)}},"vector128":{{Lower(Vector128.IsHardwareAccelerated)}},"avx512f":{{Lower(Avx512F.IsSupported)}},"avx2":{{Lower(Avx2.IsSupported)}},"fma":{{Lower(Fma.IsSupported)}},"aot":{{Lower(!RuntimeFeature.IsDynamicCodeSupported)}}}""");
            return 0;
        }

        stdout.WriteLine($"vecae {CommandLine.Version} ({RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "NativeAOT")})");
        stdout.WriteLine($"cpu features: avx512f={Avx512F.IsSupported} avx2={Avx2.IsSupported} fma={Fma.IsSupported}");
        stdout.WriteLine($"accelerated:  vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} vector128={Vector128.IsHardwareAccelerated}");
        stdout.WriteLine($"kernel path:  {isa} (hardware best: {hw}; set {IsaSelector.EnvironmentVariable}=scalar|v128|avx2|avx512 to narrow)");
        stdout.WriteLine($"threads:      {threads}");
        return 0;
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
