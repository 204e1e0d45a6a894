using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vectorized.Autoencoders.Kernels.Operators;

/// <summary>
/// e^x for x &lt;= 0 and ln(1 + x) for x in [0, 1], on vectors, with the bits of the scalar
/// <c>MathF.Exp(x)</c> and <c>float.LogP1(x)</c> (that is, <c>MathF.Log(1 + x)</c>) on Linux. Those
/// call glibc's <c>expf</c> and <c>logf</c>, which evaluate in double: e^x = 2^(k/32) p(r) with a
/// 32-entry table and a cubic, and ln(x) = ln(c) + k ln 2 + q(z/c - 1) with a 16-entry table of
/// centres c and a cubic (the algorithms of ARM's optimized-routines, MIT licensed; the tables and
/// coefficients below are theirs, as the bits depend on them). Done here in the same order, with
/// the multiply-adds fused where glibc's FMA build fuses them, the results are the same floats for
/// every input of the domains, on every width (LibmExpLogTests sweeps every fifth float; run once
/// with its stride at 1, over every float, it found no difference either).
/// Why: the unclipped cross-entropy of the VAE and the conv models called the scalar functions per
/// element and took a tenth of a conv step; vectorized with other arithmetic, it would have changed
/// every trained weight. Being our own arithmetic, the results are also the same on Windows and
/// macOS, whose C libraries compute other bits, and on every SIMD path.
/// </summary>
internal static class LibmExpLog
{
    // expf: 2^(k/32) is double(ExpTable[k % 32] + (k << 47)); the table holds 2^(i/32) less i << 47.
    private const double RoundingShift = 6755399441055744; // 1.5 x 2^52: adding it rounds to an integer in the low bits
    private const ulong ExpTableMask = 31;
    private const int ExpTableShift = 47;      // 52 mantissa bits less the table's 5
    private const float Underflow = -103.97208f; // 0xC2CFF1B4, glibc's bound -0x1.9fe368p6: below it e^x rounds to 0

    // Constants as the shortest decimals that round to their bits; the hex form is glibc's.
    private const double InvLn2TimesN = 46.16624130844683;      // 0x1.71547652b82fep+5, 32 / ln 2
    private const double ExpC0 = 1.6938359250920212e-06;        // 0x1.c6af84b912394p-20
    private const double ExpC1 = 0.00023459809789509004;        // 0x1.ebfce50fac4f3p-13
    private const double ExpC2 = 0.021660849396613134;          // 0x1.62e42ff0c52d6p-6

    // logf: x = 2^k z with z in [Offset, 2 Offset); the table's row i serves the i-th sixteenth.
    private const uint LogOffset = 0x3F330000;
    private const uint LogExponentMask = 0xFF800000; // tmp & (0x1ff << 23) in glibc
    private const double Ln2 = 0.6931471805599453;              // 0x1.62e42fefa39efp-1
    private const double LogA0 = -0.25089342214237154;          // -0x1.00ea348b88334p-2
    private const double LogA1 = 0.333456765744066;             // 0x1.5575b0be00b6ap-2
    private const double LogA2 = -0.4999997485802103;           // -0x1.ffffef20a4123p-2

    private static ReadOnlySpan<ulong> ExpTable =>
    [
        0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
        0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
        0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
        0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
        0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
        0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
        0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
        0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
    ];

    // 1 / c for each sixteenth.
    private static ReadOnlySpan<ulong> LogInverseCentres =>
    [
        0x3FF661EC79F8F3BE, 0x3FF571ED4AAF883D, 0x3FF49539F0F010B0, 0x3FF3C995B0B80385,
        0x3FF30D190C8864A5, 0x3FF25E227B0B8EA0, 0x3FF1BB4A4A1A343F, 0x3FF12358F08AE5BA,
        0x3FF0953F419900A7, 0x3FF0000000000000, 0x3FEE608CFD9A47AC, 0x3FECA4B31F026AA0,
        0x3FEB2036576AFCE6, 0x3FE9C2D163A1AA2D, 0x3FE886E6037841ED, 0x3FE767DCF5534862,
    ];

    // ln(c) for each sixteenth.
    private static ReadOnlySpan<ulong> LogOfCentres =>
    [
        0xBFD57BF7808CAADE, 0xBFD2BEF0A7C06DDB, 0xBFD01EAE7F513A67, 0xBFCB31D8A68224E9,
        0xBFC6574F0AC07758, 0xBFC1AA2BC79C8100, 0xBFBA4E76CE8C0E5E, 0xBFB1973C5A611CCC,
        0xBFA252F438E10C1E, 0x0000000000000000, 0x3FAAA5AA5DF25984, 0x3FBC5E53AA362EB4,
        0x3FC526E57720DB08, 0x3FCBC2860D224770, 0x3FD1058BC8A07EE1, 0x3FD4043057B6EE09,
    ];

    /// <summary>e^x for x &lt;= 0 (or NaN): MathF.Exp(x)'s bits on glibc.</summary>
    public static float ExpOfNonPositive(float x)
    {
        double xd = x;
        var z = InvLn2TimesN * xd;
        var shifted = z + RoundingShift;
        var k = BitConverter.DoubleToUInt64Bits(shifted);
        var r = Math.FusedMultiplyAdd(InvLn2TimesN, xd, -(shifted - RoundingShift));
        var s = BitConverter.UInt64BitsToDouble(ExpTable[(int)(k & ExpTableMask)] + (k << ExpTableShift));
        var y = ExpPolynomial(r) * s;
        return x < Underflow ? 0f : (float)y;
    }

    /// <summary>ln(1 + x) for x in [0, 1] (or NaN), rounding 1 + x to float first: float.LogP1(x)'s bits on glibc.</summary>
    public static float Log1pOfUnit(float x)
    {
        var ix = BitConverter.SingleToUInt32Bits(1f + x);
        var tmp = ix - LogOffset;
        var i = (int)((tmp >> 19) & 15);
        var k = (int)tmp >> 23;
        double z = BitConverter.UInt32BitsToSingle(ix - (tmp & LogExponentMask));
        var r = Math.FusedMultiplyAdd(z, BitConverter.UInt64BitsToDouble(LogInverseCentres[i]), -1.0);
        var y0 = Math.FusedMultiplyAdd(k, Ln2, BitConverter.UInt64BitsToDouble(LogOfCentres[i]));
        var y = LogPolynomial(r, y0);
        return float.IsNaN(x) ? x : (float)y;
    }

    /// <summary>ExpOfNonPositive on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpOfNonPositive(Vector512<float> x)
    {
        var (lower, upper) = Vector512.Widen(x);
        var y = Vector512.Narrow(Exp(lower), Exp(upper));
        return Vector512.AndNot(y, Vector512.LessThan(x, Vector512.Create(Underflow)));
    }

    /// <summary>ExpOfNonPositive on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpOfNonPositive(Vector256<float> x)
    {
        var (lower, upper) = Vector256.Widen(x);
        var y = Vector256.Narrow(Exp(lower), Exp(upper));
        return Vector256.AndNot(y, Vector256.LessThan(x, Vector256.Create(Underflow)));
    }

    /// <summary>ExpOfNonPositive on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpOfNonPositive(Vector128<float> x)
    {
        var (lower, upper) = Vector128.Widen(x);
        var y = Vector128.Narrow(Exp(lower), Exp(upper));
        return Vector128.AndNot(y, Vector128.LessThan(x, Vector128.Create(Underflow)));
    }

    /// <summary>Log1pOfUnit on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log1pOfUnit(Vector512<float> x)
    {
        var ix = (Vector512<float>.One + x).AsUInt32();
        var tmp = ix - Vector512.Create(LogOffset);
        var (iLower, iUpper) = Vector512.Widen((tmp >> 19) & Vector512.Create(15u));
        var (zLower, zUpper) = Vector512.Widen((ix - (tmp & Vector512.Create(LogExponentMask))).AsSingle());
        var (kLower, kUpper) = Vector512.Widen(Vector512.ConvertToSingle(tmp.AsInt32() >> 23));
        var y = Vector512.Narrow(Log(zLower, kLower, iLower), Log(zUpper, kUpper, iUpper));
        return Vector512.ConditionalSelect(Vector512.IsNaN(x), x, y);
    }

    /// <summary>Log1pOfUnit on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1pOfUnit(Vector256<float> x)
    {
        var ix = (Vector256<float>.One + x).AsUInt32();
        var tmp = ix - Vector256.Create(LogOffset);
        var (iLower, iUpper) = Vector256.Widen((tmp >> 19) & Vector256.Create(15u));
        var (zLower, zUpper) = Vector256.Widen((ix - (tmp & Vector256.Create(LogExponentMask))).AsSingle());
        var (kLower, kUpper) = Vector256.Widen(Vector256.ConvertToSingle(tmp.AsInt32() >> 23));
        var y = Vector256.Narrow(Log(zLower, kLower, iLower), Log(zUpper, kUpper, iUpper));
        return Vector256.ConditionalSelect(Vector256.IsNaN(x), x, y);
    }

    /// <summary>Log1pOfUnit on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log1pOfUnit(Vector128<float> x)
    {
        var ix = (Vector128<float>.One + x).AsUInt32();
        var tmp = ix - Vector128.Create(LogOffset);
        var (iLower, iUpper) = Vector128.Widen((tmp >> 19) & Vector128.Create(15u));
        var (zLower, zUpper) = Vector128.Widen((ix - (tmp & Vector128.Create(LogExponentMask))).AsSingle());
        var (kLower, kUpper) = Vector128.Widen(Vector128.ConvertToSingle(tmp.AsInt32() >> 23));
        var y = Vector128.Narrow(Log(zLower, kLower, iLower), Log(zUpper, kUpper, iUpper));
        return Vector128.ConditionalSelect(Vector128.IsNaN(x), x, y);
    }

    // p(r) = C0 r^3 + C1 r^2 + C2 r + 1, grouped and fused as glibc's FMA build evaluates it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ExpPolynomial(double r) =>
        Math.FusedMultiplyAdd(Math.FusedMultiplyAdd(ExpC0, r, ExpC1), r * r, Math.FusedMultiplyAdd(ExpC2, r, 1.0));

    // y0 + r + r^2 (A1 r + A2 + A0 r^2), grouped and fused as glibc's FMA build evaluates it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LogPolynomial(double r, double y0)
    {
        var r2 = r * r;
        var y = Math.FusedMultiplyAdd(LogA0, r2, Math.FusedMultiplyAdd(LogA1, r, LogA2));
        return Math.FusedMultiplyAdd(y, r2, y0 + r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Exp(Vector512<double> x)
    {
        var c = Vector512.Create(InvLn2TimesN);
        var shifted = (c * x) + Vector512.Create(RoundingShift);
        var k = shifted.AsUInt64();
        var r = Vector512.FusedMultiplyAdd(c, x, Vector512.Create(RoundingShift) - shifted);
        var s = (Lookup32(ExpTable, k & Vector512.Create(ExpTableMask)) + (k << ExpTableShift)).AsDouble();
        var r2 = r * r;
        var p = Vector512.FusedMultiplyAdd(
            Vector512.FusedMultiplyAdd(Vector512.Create(ExpC0), r, Vector512.Create(ExpC1)), r2,
            Vector512.FusedMultiplyAdd(Vector512.Create(ExpC2), r, Vector512<double>.One));
        return p * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Exp(Vector256<double> x)
    {
        var c = Vector256.Create(InvLn2TimesN);
        var shifted = (c * x) + Vector256.Create(RoundingShift);
        var k = shifted.AsUInt64();
        var r = Vector256.FusedMultiplyAdd(c, x, Vector256.Create(RoundingShift) - shifted);
        var s = (Lookup(ExpTable, k & Vector256.Create(ExpTableMask)) + (k << ExpTableShift)).AsDouble();
        var r2 = r * r;
        var p = Vector256.FusedMultiplyAdd(
            Vector256.FusedMultiplyAdd(Vector256.Create(ExpC0), r, Vector256.Create(ExpC1)), r2,
            Vector256.FusedMultiplyAdd(Vector256.Create(ExpC2), r, Vector256<double>.One));
        return p * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Exp(Vector128<double> x)
    {
        var c = Vector128.Create(InvLn2TimesN);
        var shifted = (c * x) + Vector128.Create(RoundingShift);
        var k = shifted.AsUInt64();
        var r = Vector128.FusedMultiplyAdd(c, x, Vector128.Create(RoundingShift) - shifted);
        var s = (Lookup(ExpTable, k & Vector128.Create(ExpTableMask)) + (k << ExpTableShift)).AsDouble();
        var r2 = r * r;
        var p = Vector128.FusedMultiplyAdd(
            Vector128.FusedMultiplyAdd(Vector128.Create(ExpC0), r, Vector128.Create(ExpC1)), r2,
            Vector128.FusedMultiplyAdd(Vector128.Create(ExpC2), r, Vector128<double>.One));
        return p * s;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Log(Vector512<double> z, Vector512<double> k, Vector512<ulong> i)
    {
        var r = Vector512.FusedMultiplyAdd(z, Lookup16(LogInverseCentres, i).AsDouble(), Vector512.Create(-1.0));
        var y0 = Vector512.FusedMultiplyAdd(k, Vector512.Create(Ln2), Lookup16(LogOfCentres, i).AsDouble());
        var r2 = r * r;
        var y = Vector512.FusedMultiplyAdd(Vector512.Create(LogA0), r2, Vector512.FusedMultiplyAdd(Vector512.Create(LogA1), r, Vector512.Create(LogA2)));
        return Vector512.FusedMultiplyAdd(y, r2, y0 + r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Log(Vector256<double> z, Vector256<double> k, Vector256<ulong> i)
    {
        var r = Vector256.FusedMultiplyAdd(z, Lookup(LogInverseCentres, i).AsDouble(), Vector256.Create(-1.0));
        var y0 = Vector256.FusedMultiplyAdd(k, Vector256.Create(Ln2), Lookup(LogOfCentres, i).AsDouble());
        var r2 = r * r;
        var y = Vector256.FusedMultiplyAdd(Vector256.Create(LogA0), r2, Vector256.FusedMultiplyAdd(Vector256.Create(LogA1), r, Vector256.Create(LogA2)));
        return Vector256.FusedMultiplyAdd(y, r2, y0 + r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Log(Vector128<double> z, Vector128<double> k, Vector128<ulong> i)
    {
        var r = Vector128.FusedMultiplyAdd(z, Lookup(LogInverseCentres, i).AsDouble(), Vector128.Create(-1.0));
        var y0 = Vector128.FusedMultiplyAdd(k, Vector128.Create(Ln2), Lookup(LogOfCentres, i).AsDouble());
        var r2 = r * r;
        var y = Vector128.FusedMultiplyAdd(Vector128.Create(LogA0), r2, Vector128.FusedMultiplyAdd(Vector128.Create(LogA1), r, Vector128.Create(LogA2)));
        return Vector128.FusedMultiplyAdd(y, r2, y0 + r);
    }

    // Table lookups. AVX-512 permutes across two registers (16 entries) in one instruction; the
    // narrower paths, and Vector512 without AVX-512 (emulated, never a kernel's path), read each lane's entry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Lookup16(ReadOnlySpan<ulong> table, Vector512<ulong> i)
    {
        var low = i & Vector512.Create(15ul); // the permute reads these bits only; Lookup32 passes 0-31
        return Avx512F.IsSupported
            ? Avx512F.PermuteVar8x64x2(Vector512.Create(table[..8]), low, Vector512.Create(table[8..16]))
            : Vector512.Create(Lookup(table, low.GetLower()), Lookup(table, low.GetUpper()));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Lookup32(ReadOnlySpan<ulong> table, Vector512<ulong> i) =>
        Vector512.ConditionalSelect(
            Vector512.Equals(i & Vector512.Create(16ul), Vector512<ulong>.Zero),
            Lookup16(table[..16], i),
            Lookup16(table[16..], i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Lookup(ReadOnlySpan<ulong> table, Vector256<ulong> i) =>
        Vector256.Create(table[(int)i.GetElement(0)], table[(int)i.GetElement(1)], table[(int)i.GetElement(2)], table[(int)i.GetElement(3)]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Lookup(ReadOnlySpan<ulong> table, Vector128<ulong> i) =>
        Vector128.Create(table[(int)i.GetElement(0)], table[(int)i.GetElement(1)]);
}
