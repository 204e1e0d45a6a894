using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Kernels.Operators;

/// <summary>
/// e^x for float vectors, computed exactly as .NET 10's <c>Vector512.Exp(Vector512&lt;float&gt;)</c>
/// computes it (the algorithm of AMD AOCL-LibM's vrs4_expf: widen to double, e^x = 2^n 2^r with
/// n = round(x / ln 2) by the 1.5 x 2^52 shift, a degree-5 polynomial for 2^r, n added into the
/// exponent bits, narrow), operation for operation, so the results are the same bits (tested for
/// every float the cross-entropy feeds it). Why a copy of the arithmetic: NativeAOT does not inline
/// the library's generic implementation into our kernels, and the call (vectors passed through
/// memory) made the BCE kernel twice as slow under AOT as under the JIT.
/// </summary>
internal static class VectorExp
{
    // |x| bits above this (88.0) take the overflow and underflow checks.
    private const uint ArgumentLimitBits = 0x42AE0000;
    private const float Underflow = -103.97208f;
    private const float Overflow = 88.72284f;

    private const double RoundingShift = 6755399441055744; // 1.5 x 2^52: adding it rounds to an integer in the low bits
    private const double Log2E = 1.4426950408889634;

    // 2^r on |r| <= 1/2, lowest degree first.
    private const double C1 = 1.0000000754895704;
    private const double C2 = 0.6931472254087585;
    private const double C3 = 0.2402210737432219;
    private const double C4 = 0.05550297297702539;
    private const double C5 = 0.009676036358193323;
    private const double C6 = 0.001341000536524434;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var (lower, upper) = Vector512.Widen(x);
        var result = Vector512.Narrow(TwoToTheZ(lower * Vector512.Create(Log2E)), TwoToTheZ(upper * Vector512.Create(Log2E)));
        if (Vector512.GreaterThanAny(Vector512.Abs(x).AsUInt32(), Vector512.Create(ArgumentLimitBits)))
        {
            result = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(Overflow)), Vector512.Create(float.PositiveInfinity), result);
            result = Vector512.AndNot(result, Vector512.LessThan(x, Vector512.Create(Underflow)));
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var (lower, upper) = Vector256.Widen(x);
        var result = Vector256.Narrow(TwoToTheZ(lower * Vector256.Create(Log2E)), TwoToTheZ(upper * Vector256.Create(Log2E)));
        if (Vector256.GreaterThanAny(Vector256.Abs(x).AsUInt32(), Vector256.Create(ArgumentLimitBits)))
        {
            result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(Overflow)), Vector256.Create(float.PositiveInfinity), result);
            result = Vector256.AndNot(result, Vector256.LessThan(x, Vector256.Create(Underflow)));
        }

        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x)
    {
        var (lower, upper) = Vector128.Widen(x);
        var result = Vector128.Narrow(TwoToTheZ(lower * Vector128.Create(Log2E)), TwoToTheZ(upper * Vector128.Create(Log2E)));
        if (Vector128.GreaterThanAny(Vector128.Abs(x).AsUInt32(), Vector128.Create(ArgumentLimitBits)))
        {
            result = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(Overflow)), Vector128.Create(float.PositiveInfinity), result);
            result = Vector128.AndNot(result, Vector128.LessThan(x, Vector128.Create(Underflow)));
        }

        return result;
    }

    // 2^z = 2^n 2^r, r = z - n. Separate multiplies and adds, in this order: no fused operations,
    // or the bits would differ from the library's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TwoToTheZ(Vector512<double> z)
    {
        var shifted = z + Vector512.Create(RoundingShift);
        var n = shifted.AsUInt64();
        var r = z - (shifted - Vector512.Create(RoundingShift));
        var r2 = r * r;
        var r4 = r2 * r2;
        var p = (((Vector512.Create(C4) * r) + Vector512.Create(C3)) * r2)
            + ((((Vector512.Create(C6) * r) + Vector512.Create(C5)) * r4) + ((Vector512.Create(C2) * r) + Vector512.Create(C1)));
        return (p.AsUInt64() + (n << 52)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TwoToTheZ(Vector256<double> z)
    {
        var shifted = z + Vector256.Create(RoundingShift);
        var n = shifted.AsUInt64();
        var r = z - (shifted - Vector256.Create(RoundingShift));
        var r2 = r * r;
        var r4 = r2 * r2;
        var p = (((Vector256.Create(C4) * r) + Vector256.Create(C3)) * r2)
            + ((((Vector256.Create(C6) * r) + Vector256.Create(C5)) * r4) + ((Vector256.Create(C2) * r) + Vector256.Create(C1)));
        return (p.AsUInt64() + (n << 52)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> TwoToTheZ(Vector128<double> z)
    {
        var shifted = z + Vector128.Create(RoundingShift);
        var n = shifted.AsUInt64();
        var r = z - (shifted - Vector128.Create(RoundingShift));
        var r2 = r * r;
        var r4 = r2 * r2;
        var p = (((Vector128.Create(C4) * r) + Vector128.Create(C3)) * r2)
            + ((((Vector128.Create(C6) * r) + Vector128.Create(C5)) * r4) + ((Vector128.Create(C2) * r) + Vector128.Create(C1)));
        return (p.AsUInt64() + (n << 52)).AsDouble();
    }
}
