using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Operators;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// <see cref="LibmExpLog"/> gives MathF.Exp's and float.LogP1's bits (glibc's expf and logf, which
/// .NET calls on Linux) on every accelerated width and on its scalar form: every fifth float of
/// each domain, with its edges, NaN and infinity. A run over every float of both domains, on each
/// width, found no difference either (2026-12-03). Where the C library is another (Windows, macOS),
/// its own bits may differ by an ulp; there the tests hold the functions to 1 ulp of it.
/// </summary>
public class LibmExpLogTests
{
    private const uint NegativeZero = 0x80000000;
    private const uint NegativeInfinity = 0xFF800000;
    private const uint One = 0x3F800000;

    [Fact]
    public void ExpOfNonPositiveHasMathFExpsBitsOnEveryWidth()
    {
        // -0 up to -inf by bit pattern: every float <= 0, the subnormal results and the underflow to 0 included.
        var differing = Sweep(NegativeZero, NegativeInfinity, x => MathF.Exp(x), LibmExpLog.ExpOfNonPositive,
            LibmExpLog.ExpOfNonPositive, LibmExpLog.ExpOfNonPositive, LibmExpLog.ExpOfNonPositive);
        Assert.Equal(0, differing);
    }

    [Fact]
    public void Log1pOfUnitHasFloatLogP1sBitsOnEveryWidth()
    {
        var differing = Sweep(0, One, float.LogP1, LibmExpLog.Log1pOfUnit,
            LibmExpLog.Log1pOfUnit, LibmExpLog.Log1pOfUnit, LibmExpLog.Log1pOfUnit);
        Assert.Equal(0, differing);
    }

    // By bit pattern, so that -0 is its own case: +0, -0, -inf, the last float whose e^x is not 0
    // (the smallest subnormal), the next, and -1e30.
    [Theory]
    [InlineData(0x00000000u, 1f)]
    [InlineData(0x80000000u, 1f)]
    [InlineData(0xFF800000u, 0f)]
    [InlineData(0xC2CFF1B4u, 1.4e-45f)]
    [InlineData(0xC2CFF1B5u, 0f)]
    [InlineData(0xF149F2CAu, 0f)]
    public void ExpEdges(uint bits, float expected)
    {
        var x = BitConverter.UInt32BitsToSingle(bits);
        Assert.Equal(expected, LibmExpLog.ExpOfNonPositive(x));
        Assert.Equal(expected, LibmExpLog.ExpOfNonPositive(Vector128.Create(x)).GetElement(3));
        Assert.Equal(expected, LibmExpLog.ExpOfNonPositive(Vector256.Create(x)).GetElement(7));
        Assert.Equal(expected, LibmExpLog.ExpOfNonPositive(Vector512.Create(x)).GetElement(15));
    }

    [Fact]
    public void NaNStaysNaN()
    {
        Assert.True(float.IsNaN(LibmExpLog.ExpOfNonPositive(float.NaN)));
        Assert.True(float.IsNaN(LibmExpLog.Log1pOfUnit(float.NaN)));
        Assert.True(float.IsNaN(LibmExpLog.ExpOfNonPositive(Vector256.Create(float.NaN)).GetElement(2)));
        Assert.True(float.IsNaN(LibmExpLog.Log1pOfUnit(Vector128.Create(float.NaN)).GetElement(1)));
        Assert.True(float.IsNaN(LibmExpLog.Log1pOfUnit(Vector256.Create(float.NaN)).GetElement(5)));
        if (Vector512.IsHardwareAccelerated)
        {
            Assert.True(float.IsNaN(LibmExpLog.Log1pOfUnit(Vector512.Create(float.NaN)).GetElement(9)));
        }
    }

    // Counts the floats from `from` to `to` (by bit pattern, every fifth and both ends) where a width
    // or the scalar form differs from the library function: in bits on Linux, by more than an ulp elsewhere.
    private static long Sweep(
        uint from, uint to, Func<float, float> library, Func<float, float> scalar,
        Func<Vector128<float>, Vector128<float>> v128, Func<Vector256<float>, Vector256<float>> v256, Func<Vector512<float>, Vector512<float>> v512)
    {
        const uint Stride = 5;
        bool w512 = Vector512.IsHardwareAccelerated, w256 = Vector256.IsHardwareAccelerated, w128 = Vector128.IsHardwareAccelerated;
        var count = ((to - from) / Stride) + 1;
        var parts = 64;
        long differing = 0;
        Parallel.For(0, parts, part =>
        {
            long local = 0;
            Span<float> x = stackalloc float[16];
            Span<float> expected = stackalloc float[16];
            var end = (uint)((count * (ulong)(part + 1)) / (ulong)parts);
            for (var i = (uint)((count * (ulong)part) / (ulong)parts); i < end; i += 16)
            {
                for (var j = 0; j < 16; j++)
                {
                    var index = Math.Min(i + (uint)j, count - 1);
                    x[j] = BitConverter.UInt32BitsToSingle(index == count - 1 ? to : from + (index * Stride));
                    expected[j] = library(x[j]);
                    local += Differs(scalar(x[j]), expected[j]) ? 1 : 0;
                }

                var vector = Vector512.Create((ReadOnlySpan<float>)x);
                local += w512 && Differs(v512(vector), expected) ? 1 : 0;
                local += w256 && (Differs(v256(vector.GetLower()), expected[..8]) || Differs(v256(vector.GetUpper()), expected[8..])) ? 1 : 0;
                for (var q = 0; w128 && q < 4; q++)
                {
                    local += Differs(v128(Vector128.Create((ReadOnlySpan<float>)x.Slice(4 * q, 4))), expected.Slice(4 * q, 4)) ? 1 : 0;
                }
            }

            Interlocked.Add(ref differing, local);
        });
        return differing;
    }

    private static bool Differs<TVec>(TVec actual, ReadOnlySpan<float> expected)
        where TVec : struct
    {
        Span<float> lanes = stackalloc float[expected.Length];
        System.Runtime.InteropServices.MemoryMarshal.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lanes), in actual);
        for (var j = 0; j < expected.Length; j++)
        {
            if (Differs(lanes[j], expected[j]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Differs(float actual, float expected)
    {
        if (float.IsNaN(expected) || float.IsNaN(actual))
        {
            return float.IsNaN(expected) != float.IsNaN(actual);
        }

        var distance = Math.Abs((long)BitConverter.SingleToInt32Bits(actual) - BitConverter.SingleToInt32Bits(expected));
        return OperatingSystem.IsLinux() ? distance != 0 : distance > 1;
    }
}
