using FsCheck.Xunit;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Tests.Training;

namespace Vectorized.Autoencoders.Tests.Randomness;

/// <summary>
/// Box-Muller's own ln, sin and cos against the C library's (Math.Log, Math.SinCos), on the
/// inputs the noise draws: u1 = 1 - k 2^-53 and t = 2 pi u2 with u2 = k 2^-53.
/// </summary>
public class BoxMullerTests
{
    private const double Ulp53 = 1.0 / (1UL << 53);

    [Property(MaxTest = 300)]
    public void LogIsWithinOneUnitInTheLastPlaceOfTheCLibrarys(ulong seed)
    {
        var u1 = 1.0 - (Spread(seed) * Ulp53);
        AssertWithinOneUlp(Math.Log(u1), BoxMuller.Log(u1), u1);
    }

    [Property(MaxTest = 300)]
    public void SinAndCosAreWithinOneUnitInTheLastPlaceOfTheCLibrarys(ulong seed)
    {
        var t = 2.0 * Math.PI * (Spread(seed) * Ulp53);
        var (sin, cos) = BoxMuller.SinCos(t);
        var (expectedSin, expectedCos) = Math.SinCos(t);
        AssertWithinOneUlp(expectedSin, sin, t);
        AssertWithinOneUlp(expectedCos, cos, t);
    }

    [Fact]
    public void EdgesOfTheDomainsAreWithinOneUnitInTheLastPlace()
    {
        // ln: the ends (1 gives 0 exactly), powers of two, and both sides of the sqrt(2) split.
        Assert.Equal(0.0, BoxMuller.Log(1.0));
        var halfSqrt2 = Math.Sqrt(0.5);
        foreach (var u1 in new[] { Ulp53, 2 * Ulp53, 0.5, 0.25, 1.0 - Ulp53, halfSqrt2, Math.BitIncrement(halfSqrt2), Math.BitDecrement(halfSqrt2), 2 * halfSqrt2 * 0.25 })
        {
            AssertWithinOneUlp(Math.Log(u1), BoxMuller.Log(u1), u1);
        }

        // sin and cos: at and beside the quadrant and octant boundaries, where one of them is near 0
        // and the reduction has to keep the digits of pi/2 beyond a double's.
        for (var eighth = 0; eighth <= 8; eighth++)
        {
            foreach (var step in new[] { -2, -1, 0, 1, 2 })
            {
                var u2 = Math.Clamp((eighth / 8.0) + (step * Ulp53), 0.0, 1.0 - Ulp53);
                var t = 2.0 * Math.PI * u2;
                var (sin, cos) = BoxMuller.SinCos(t);
                var (expectedSin, expectedCos) = Math.SinCos(t);
                AssertWithinOneUlp(expectedSin, sin, t);
                AssertWithinOneUlp(expectedCos, cos, t);
            }
        }
    }

    [Property(MaxTest = 40)]
    public void VectorsGiveTheScalarCodesBits(int seed, byte length)
    {
        // Any length: whole vectors and a scalar tail.
        var (u1, u2, cosSide, sinSide) = Transformed((ulong)(uint)seed, length);
        for (var i = 0; i < length; i++)
        {
            var radius = Math.Sqrt(-2.0 * BoxMuller.Log(u1[i]));
            var (sin, cos) = BoxMuller.SinCos(2.0 * Math.PI * u2[i]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(radius * cos), BitConverter.DoubleToInt64Bits(cosSide[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(radius * sin), BitConverter.DoubleToInt64Bits(sinSide[i]));
        }
    }

    [Fact]
    public void NormalsRoundedToFloatAreTheCLibrarysOnAMillionDraws()
    {
        // The noise is used in float: a last-bit difference in double almost never survives the
        // rounding (of the 4.7 billion values of noise seeds 1-100, one did). A sample of that.
        const int Pairs = 1 << 19;
        var (u1, u2, cosSide, sinSide) = Transformed(2026, Pairs);
        var differing = 0;
        for (var i = 0; i < Pairs; i++)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(u1[i]));
            var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2[i]);
            differing += ((float)(radius * cos) != (float)cosSide[i] ? 1 : 0) + ((float)(radius * sin) != (float)sinSide[i] ? 1 : 0);
        }

        Assert.Equal(0, differing);
    }

    [Property(MaxTest = 40)]
    public void NoiseIsTheTransformsNormalsAddedAndClippedPixelByPixel(int seed, int sample, byte extra)
    {
        // An odd length too: the last pixel takes a normal of its own.
        var length = 1 + extra;
        var clean = TrainingTestData.Images(1, length, seed);
        clean[0] = 1f; // the upper clip, beside the lower one the noise reaches on dark pixels
        var noisy = new float[length];
        GaussianNoise.Apply(clean, 0.4f, (ulong)(uint)seed, sample, noisy);

        var state = (ulong)(uint)seed ^ ((ulong)(uint)sample * 0xD1B54A32D192ED03UL);
        var rng = new Xoshiro256(Xoshiro256.SplitMix64(ref state));
        for (var i = 0; i + 1 < length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * BoxMuller.Log(1.0 - rng.NextDouble()));
            var (sin, cos) = BoxMuller.SinCos(2.0 * Math.PI * rng.NextDouble());
            Assert.Equal(Math.Clamp(clean[i] + (0.4f * (float)(radius * cos)), 0f, 1f), noisy[i]);
            Assert.Equal(Math.Clamp(clean[i + 1] + (0.4f * (float)(radius * sin)), 0f, 1f), noisy[i + 1]);
        }

        if (length % 2 != 0)
        {
            Assert.Equal(Math.Clamp(clean[^1] + (0.4f * (float)rng.NextGaussian()), 0f, 1f), noisy[^1]);
        }
    }

    // Uniform pairs as the noise draws them, and their normals from Transform.
    private static (double[] U1, double[] U2, double[] CosSide, double[] SinSide) Transformed(ulong seed, int pairs)
    {
        var rng = new Xoshiro256(seed);
        var u1 = new double[pairs];
        var u2 = new double[pairs];
        for (var i = 0; i < pairs; i++)
        {
            u1[i] = 1.0 - rng.NextDouble();
            u2[i] = rng.NextDouble();
        }

        var cosSide = new double[pairs];
        var sinSide = new double[pairs];
        BoxMuller.Transform(u1, u2, cosSide, sinSide);
        return (u1, u2, cosSide, sinSide);
    }

    // FsCheck's integers crowd near 0: mixed, their 53 high bits are spread over the whole range.
    private static ulong Spread(ulong seed) => Xoshiro256.SplitMix64(ref seed) >> 11;

    private static void AssertWithinOneUlp(double expected, double actual, double input)
    {
        var distance = Math.Abs(BitConverter.DoubleToInt64Bits(expected) - BitConverter.DoubleToInt64Bits(actual));
        Assert.True(distance <= 1 && Math.Sign(expected) == Math.Sign(actual), $"at {input:R}: {actual:R} against {expected:R}, {distance} units apart");
    }
}
