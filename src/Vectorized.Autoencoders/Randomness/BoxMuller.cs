using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Randomness;

/// <summary>
/// Box-Muller's transform of uniform pairs into normal pairs, r cos(t) and r sin(t) with
/// r = sqrt(-2 ln u1) and t = 2 pi u2, on vectors of doubles with our own ln, sin and cos.
/// Why: the scalar Math.Log and Math.SinCos (glibc's log and sincos, per pair) took about a third
/// of a dense denoiser's epoch, which redraws every sample's noise each epoch. And being our own
/// arithmetic, the noise is now the same on Windows and macOS, whose C libraries round otherwise
/// (<see cref="Xoshiro256.NextGaussian"/> and t-SNE's random start use the scalar forms for that).
/// The functions follow fdlibm's method and polynomials (Sun, freely redistributable): ln by
/// s = f / (2 + f) and a degree-14 odd series, sin and cos by a reduction to [-pi/4, pi/4] in two
/// doubles and degree-13/14 polynomials. Each is within one unit in the last place, as glibc's are,
/// so the two differ in a last bit now and then (ln 7 %, sin and cos 3 % of the draws); the noise,
/// rounded to float, almost never: of the 47 million values of each of the noise seeds 1-100
/// (every training and test image), one value of seed 71 differs, where glibc's ln rounds right
/// and ours is 0.53 units off. The golden results and the README's runs (seeds 1-10) keep their bits.
/// Every vector width and the scalar code do the same operations, fused where written fused, so
/// every SIMD path gives the same bits.
/// </summary>
internal static class BoxMuller
{
    // ln 2 in two parts (fdlibm): Ln2Hi has its low 32 bits zero, so k Ln2Hi is exact for any exponent k.
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // ln(1 + f) = 2 atanh(s) = 2s + s R(s^2), R's coefficients (fdlibm's Lg1-Lg7).
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;

    // Adding it moves x's mantissa to [sqrt(2)/2, sqrt(2)) and its exponent up by one there:
    // 1.0's bits less those of sqrt(2)/2.
    private const ulong MantissaCentring = 0x3FF0000000000000UL - 0x3FE6A09E667F3BCDUL;
    private const ulong HalfSqrt2Bits = 0x3FE6A09E667F3BCDUL;
    private const ulong MantissaMask = 0x000FFFFFFFFFFFFFUL;

    // 2^52 + e as a double from an exponent field e < 2^11 (its bits ORed in), less 2^52 + 1023: e - 1023 exactly.
    private const ulong TwoTo52Bits = 0x4330000000000000UL;
    private const double TwoTo52PlusBias = 4503599627370496.0 + 1023.0;

    // sin's and cos's polynomials on [-pi/4, pi/4] (fdlibm's S1-S6 and C1-C6).
    private const double S1 = -1.66666666666666324348e-01;
    private const double S2 = 8.33333333332248946124e-03;
    private const double S3 = -1.98412698298579493134e-04;
    private const double S4 = 2.75573137070700676789e-06;
    private const double S5 = -2.50507602534068634195e-08;
    private const double S6 = 1.58969099521155010221e-10;
    private const double C1 = 4.16666666666666019037e-02;
    private const double C2 = -1.38888888888741095749e-03;
    private const double C3 = 2.48015872894767294178e-05;
    private const double C4 = -2.75573143513906633035e-07;
    private const double C5 = 2.08757232129817482790e-09;
    private const double C6 = -1.13596475577881948265e-11;

    // pi/2 = HalfPi1 + HalfPi2 + HalfPi3 to about 2^-160. With a fused multiply-add, t - n HalfPi1
    // is exact for the quadrants n <= 4 of t in [0, 2 pi], and the rest is carried in a second double.
    private const double HalfPi1 = 1.5707963267948966;      // 0x3FF921FB54442D18
    private const double HalfPi2 = 6.123233995736766e-17;   // 0x3C91A62633145C07
    private const double HalfPi3 = -1.4973849048591698e-33; // 0xB91F1976B7ED8FBC
    private const double TwoOverPi = 0.6366197723675814;    // 0x3FE45F306DC9C883
    private const double RoundingShift = 6755399441055744.0; // 1.5 x 2^52: adding it rounds to an integer in the low bits

    /// <summary>
    /// cosSide[i] = r cos(t), sinSide[i] = r sin(t) with r = sqrt(-2 ln u1[i]) and t = 2 pi u2[i]
    /// computed as <c>2.0 * Math.PI * u2[i]</c>; u1 in (0, 1], normal, and u2 in [0, 1).
    /// </summary>
    // u1, u2, cosSide, sinSide: [n]
    public static void Transform(ReadOnlySpan<double> u1, ReadOnlySpan<double> u2, Span<double> cosSide, Span<double> sinSide)
    {
        var n = u1.Length;
        if (u2.Length != n || cosSide.Length < n || sinSide.Length < n)
        {
            throw new ArgumentException("Box-Muller needs as many u2 as u1, and room for each pair's two normals.");
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && IsaSelector.Current != Isa.Scalar)
        {
            ref var u1Start = ref MemoryMarshal.GetReference(u1);
            ref var u2Start = ref MemoryMarshal.GetReference(u2);
            ref var cosStart = ref MemoryMarshal.GetReference(cosSide);
            ref var sinStart = ref MemoryMarshal.GetReference(sinSide);
            for (; i + Vector<double>.Count <= n; i += Vector<double>.Count)
            {
                var radius = Vector.SquareRoot(new Vector<double>(-2.0) * Log(Vector.LoadUnsafe(ref u1Start, (nuint)i)));
                var (sin, cos) = SinCos(new Vector<double>(2.0 * Math.PI) * Vector.LoadUnsafe(ref u2Start, (nuint)i));
                (radius * cos).StoreUnsafe(ref cosStart, (nuint)i);
                (radius * sin).StoreUnsafe(ref sinStart, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            (cosSide[i], sinSide[i]) = Normals(u1[i], u2[i]);
        }
    }

    /// <summary>One pair of <see cref="Transform"/>: r cos(t) and r sin(t) for u1 in (0, 1], normal, and u2 in [0, 1).</summary>
    public static (double CosSide, double SinSide) Normals(double u1, double u2)
    {
        var radius = Math.Sqrt(-2.0 * Log(u1));
        var (sin, cos) = SinCos(2.0 * Math.PI * u2);
        return (radius * cos, radius * sin);
    }

    /// <summary>ln x for a positive normal x (the scalar reference of the vector code).</summary>
    public static double Log(double x)
    {
        // x = 2^k m with m in [sqrt(2)/2, sqrt(2)); f = m - 1 is exact.
        var bits = BitConverter.DoubleToUInt64Bits(x) + MantissaCentring;
        var k = BitConverter.UInt64BitsToDouble((bits >> 52) | TwoTo52Bits) - TwoTo52PlusBias;
        var f = BitConverter.UInt64BitsToDouble((bits & MantissaMask) + HalfSqrt2Bits) - 1.0;
        var s = f / (2.0 + f);
        var z = s * s;
        var w = z * z;
        var odd = w * Math.FusedMultiplyAdd(w, Math.FusedMultiplyAdd(w, Lg6, Lg4), Lg2);
        var even = z * Math.FusedMultiplyAdd(w, Math.FusedMultiplyAdd(w, Math.FusedMultiplyAdd(w, Lg7, Lg5), Lg3), Lg1);
        var halfSquare = 0.5 * f * f;
        // k ln2 + f - f^2/2 + s (f^2/2 + R), the small terms summed first.
        return Math.FusedMultiplyAdd(k, Ln2Hi, -((halfSquare - Math.FusedMultiplyAdd(s, halfSquare + (odd + even), k * Ln2Lo)) - f));
    }

    /// <summary>sin t and cos t for t in [0, 2 pi] (the scalar reference of the vector code).</summary>
    public static (double Sin, double Cos) SinCos(double t)
    {
        var shifted = Math.FusedMultiplyAdd(t, TwoOverPi, RoundingShift);
        var quadrant = BitConverter.DoubleToUInt64Bits(shifted);
        var n = shifted - RoundingShift;
        var reduced = Math.FusedMultiplyAdd(-n, HalfPi1, t);
        var head = Math.FusedMultiplyAdd(-n, HalfPi2, reduced);
        var tail = Math.FusedMultiplyAdd(-n, HalfPi3, Math.FusedMultiplyAdd(-n, HalfPi2, reduced - head));
        var sinR = KernelSin(head, tail);
        var cosR = KernelCos(head, tail);
        var swap = (quadrant & 1) != 0;
        var sin = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(swap ? cosR : sinR) ^ ((quadrant & 2) << 62));
        var cos = BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(swap ? sinR : cosR) ^ (((quadrant + 1) & 2) << 62));
        return (sin, cos);
    }

    // sin(x + y) for |x + y| <= pi/4 + a little, y a tail far below x's last bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double KernelSin(double x, double y)
    {
        var z = x * x;
        var v = z * x;
        var r = Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, S6, S5), S4), S3), S2);
        // x + S1 x^3 + x^5 r + y (1 - x^2/2), the small terms summed first.
        return x - ((z * Math.FusedMultiplyAdd(-v, r, 0.5 * y) - y) - (v * S1));
    }

    // cos(x + y) for |x + y| <= pi/4 + a little.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double KernelCos(double x, double y)
    {
        var z = x * x;
        var w = z * z;
        var r = Math.FusedMultiplyAdd(w * w, Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, C6, C5), C4),
            z * Math.FusedMultiplyAdd(z, Math.FusedMultiplyAdd(z, C3, C2), C1));
        var halfZ = 0.5 * z;
        var head = 1.0 - halfZ;
        // 1 - z/2 rounds; ((1 - head) - halfZ) is what it lost, added back with the small terms.
        return head + (((1.0 - head) - halfZ) + Math.FusedMultiplyAdd(z, r, -(x * y)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Log(Vector<double> x)
    {
        var bits = Vector.AsVectorUInt64(x) + new Vector<ulong>(MantissaCentring);
        var k = Vector.AsVectorDouble((bits >> 52) | new Vector<ulong>(TwoTo52Bits)) - new Vector<double>(TwoTo52PlusBias);
        var f = Vector.AsVectorDouble((bits & new Vector<ulong>(MantissaMask)) + new Vector<ulong>(HalfSqrt2Bits)) - Vector<double>.One;
        var s = f / (new Vector<double>(2.0) + f);
        var z = s * s;
        var w = z * z;
        var odd = w * Fma(w, Fma(w, new Vector<double>(Lg6), new Vector<double>(Lg4)), new Vector<double>(Lg2));
        var even = z * Fma(w, Fma(w, Fma(w, new Vector<double>(Lg7), new Vector<double>(Lg5)), new Vector<double>(Lg3)), new Vector<double>(Lg1));
        var halfSquare = new Vector<double>(0.5) * f * f;
        return Fma(k, new Vector<double>(Ln2Hi), -((halfSquare - Fma(s, halfSquare + (odd + even), k * new Vector<double>(Ln2Lo))) - f));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<double> Sin, Vector<double> Cos) SinCos(Vector<double> t)
    {
        var shifted = Fma(t, new Vector<double>(TwoOverPi), new Vector<double>(RoundingShift));
        var quadrant = Vector.AsVectorUInt64(shifted);
        var minusN = new Vector<double>(RoundingShift) - shifted;
        var reduced = Fma(minusN, new Vector<double>(HalfPi1), t);
        var head = Fma(minusN, new Vector<double>(HalfPi2), reduced);
        var tail = Fma(minusN, new Vector<double>(HalfPi3), Fma(minusN, new Vector<double>(HalfPi2), reduced - head));
        var sinR = KernelSin(head, tail);
        var cosR = KernelCos(head, tail);
        var swap = Vector.AsVectorDouble(Vector.Equals(quadrant & Vector<ulong>.One, Vector<ulong>.One));
        var sinSign = Vector.AsVectorDouble((quadrant & new Vector<ulong>(2)) << 62);
        var cosSign = Vector.AsVectorDouble(((quadrant + Vector<ulong>.One) & new Vector<ulong>(2)) << 62);
        return (Vector.ConditionalSelect(swap, cosR, sinR) ^ sinSign, Vector.ConditionalSelect(swap, sinR, cosR) ^ cosSign);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> KernelSin(Vector<double> x, Vector<double> y)
    {
        var z = x * x;
        var v = z * x;
        var r = Fma(z, Fma(z, Fma(z, Fma(z, new Vector<double>(S6), new Vector<double>(S5)), new Vector<double>(S4)), new Vector<double>(S3)), new Vector<double>(S2));
        return x - ((z * Fma(-v, r, new Vector<double>(0.5) * y) - y) - (v * new Vector<double>(S1)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> KernelCos(Vector<double> x, Vector<double> y)
    {
        var z = x * x;
        var w = z * z;
        var r = Fma(w * w, Fma(z, Fma(z, new Vector<double>(C6), new Vector<double>(C5)), new Vector<double>(C4)),
            z * Fma(z, Fma(z, new Vector<double>(C3), new Vector<double>(C2)), new Vector<double>(C1)));
        var halfZ = new Vector<double>(0.5) * z;
        var head = Vector<double>.One - halfZ;
        return head + (((Vector<double>.One - head) - halfZ) + Fma(z, r, -(x * y)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Fma(Vector<double> x, Vector<double> y, Vector<double> addend) => Vector.FusedMultiplyAdd(x, y, addend);
}
