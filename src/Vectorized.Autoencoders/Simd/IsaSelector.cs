using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vectorized.Autoencoders.Simd;

/// <summary>
/// Chooses the SIMD path once per process: the widest the hardware accelerates, optionally
/// narrowed by the <c>VECAE_ISA</c> environment variable (<c>scalar|v128|avx2|avx512</c>) so
/// every path can be tested and benchmarked on one machine.
/// </summary>
public static class IsaSelector
{
    /// <summary>The name of the environment variable that forces a path.</summary>
    public const string EnvironmentVariable = "VECAE_ISA";

    // Declared before the fields that depend on it: static initializers run in text order, and
    // resolving VECAE_ISA against a not-yet-detected Hardware would pin every process to scalar.
    private static readonly Isa s_hardware = DetectHardware();

    private static Isa s_current;
    private static string? s_environmentError;

    static IsaSelector() => Reset();

    /// <summary>The widest path this process's hardware (and JIT/AOT settings) accelerates.</summary>
    public static Isa Hardware => s_hardware;

    /// <summary>
    /// The path kernels use: <see cref="Hardware"/> unless narrowed. Throws
    /// <see cref="InvalidOperationException"/> when <c>VECAE_ISA</c> holds an unknown value, rather
    /// than silently running another path than the one asked for.
    /// </summary>
    public static Isa Current => s_environmentError is null ? s_current : throw new InvalidOperationException(s_environmentError);

    /// <summary>Why <c>VECAE_ISA</c> could not be used (one line, for a CLI to print), or null when it is fine or unset.</summary>
    public static string? EnvironmentError => s_environmentError;

    /// <summary>Forces a path (tests and benchmarks); a path wider than the hardware is refused.</summary>
    public static void Force(Isa isa)
    {
        if (isa > Hardware)
        {
            throw new NotSupportedException($"ISA path {isa} is not supported by this CPU (widest: {Hardware}).");
        }

        s_current = isa;
        s_environmentError = null;
    }

    /// <summary>Returns to the path the environment chose.</summary>
    public static void Reset()
    {
        try
        {
            s_current = Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable));
            s_environmentError = null;
        }
        catch (ArgumentException e)
        {
            s_current = Hardware;
            s_environmentError = $"{EnvironmentVariable}: {e.Message}";
        }
    }

    /// <summary>Parses a <c>VECAE_ISA</c> value; unknown values are an error, not a silent fallback.</summary>
    public static Isa Parse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "scalar" => Isa.Scalar,
        "v128" or "vector128" or "neon" or "sse" => Isa.V128,
        "avx2" or "v256" or "vector256" => Isa.Avx2,
        "avx512" or "v512" or "vector512" => Isa.Avx512,
        _ => throw new ArgumentException($"Unknown ISA '{value}'; expected scalar, v128, avx2 or avx512."),
    };

    private static Isa Resolve(string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return Hardware;
        }

        var isa = Parse(requested);
        // A request wider than the hardware is narrowed, so a script that pins avx512 still runs elsewhere.
        return isa > Hardware ? Hardware : isa;
    }

    private static Isa DetectHardware()
    {
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            return Isa.Avx512;
        }

        if (Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported)
        {
            return Isa.Avx2;
        }

        return Vector128.IsHardwareAccelerated ? Isa.V128 : Isa.Scalar;
    }
}
