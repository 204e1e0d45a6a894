using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// The training step's element-wise kernels (squared error, activity penalty, weight decay, SGD)
/// give, on every path and at every length around the vector widths, the same bits as the scalar
/// C# loops the step ran before they existed: the dense models' files depend on it.
/// </summary>
public class StepKernelTests
{
    private static readonly int[] s_lengths = [.. Enumerable.Range(0, 70), 255, 1000];

    // Moderate values with exact zeros of both signs, where sign() and the rounding of zero matter.
    private static float[] Draw(Random rng, int n) => [.. Enumerable.Range(0, n).Select(_ => rng.Next(8) switch
    {
        0 => 0f,
        1 => -0f,
        _ => (float)((rng.NextDouble() * 4) - 2),
    })];

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"{what}, element {i} of {expected.Length}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    public static TheoryData<Isa> Isas() => [.. KernelCase.SupportedIsas()];

    [Theory]
    [MemberData(nameof(Isas))]
    public void SquaredErrorGradientHasTheScalarLoopsBits(Isa isa)
    {
        var rng = new Random(1);
        const float Scale = 1f / 784;
        foreach (var n in s_lengths)
        {
            var (y, t, dy) = (Draw(rng, n), Draw(rng, n), Draw(rng, n));
            var expected = (float[])dy.Clone();
            for (var i = 0; i < n; i++)
            {
                var d = y[i] - t[i];
                expected[i] += Scale * 2f * d;
            }

            SquaredErrorKernel.AddGradient(y, t, Scale * 2f, dy, isa);
            AssertSameBits(expected, dy, $"{isa}");
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void ActivityPenaltyGradientHasTheScalarLoopsBits(Isa isa)
    {
        var rng = new Random(2);
        foreach (var (l1, l2x2) in new[] { (1e-4f, 0f), (0f, 2e-3f), (3e-4f, 1e-3f) })
        {
            foreach (var n in s_lengths)
            {
                var (a, da) = (Draw(rng, n), Draw(rng, n));
                var expected = (float[])da.Clone();
                for (var i = 0; i < n; i++)
                {
                    expected[i] += l1 * MathF.Sign(a[i]) + l2x2 * a[i];
                }

                ActivityPenaltyKernel.AddGradient(a, l1, l2x2, da, isa);
                AssertSameBits(expected, da, $"{isa}, l1 {l1}, 2 l2 {l2x2}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void ActivityPenaltyGradientOfANaNIsNaNNotAnException(Isa isa)
    {
        var a = Enumerable.Repeat(float.NaN, 37).ToArray();
        var da = new float[37];
        ActivityPenaltyKernel.AddGradient(a, 1e-4f, 1e-3f, da, isa);
        Assert.All(da, g => Assert.True(float.IsNaN(g)));
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void WeightDecayGradientHasTheScalarLoopsBits(Isa isa)
    {
        var rng = new Random(3);
        const float Lambda = 1e-5f;
        foreach (var n in s_lengths)
        {
            var (w, g) = (Draw(rng, n), Draw(rng, n));
            var expected = (float[])g.Clone();
            for (var i = 0; i < n; i++)
            {
                expected[i] += 2f * Lambda * w[i];
            }

            ElementWise.AddScaledRounded(w, 2f * Lambda, g, isa);
            AssertSameBits(expected, g, $"{isa}");
        }
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void SgdStepHasTheScalarLoopsBits(Isa isa)
    {
        var rng = new Random(4);
        const float LearningRate = 0.01f;
        const float Momentum = 0.9f;
        foreach (var n in s_lengths)
        {
            var (g, p, v) = (Draw(rng, n), Draw(rng, n), Draw(rng, n));
            var (expectedP, expectedV) = ((float[])p.Clone(), (float[])v.Clone());
            for (var i = 0; i < n; i++)
            {
                var vi = Momentum * expectedV[i] - LearningRate * g[i];
                expectedV[i] = vi;
                expectedP[i] += vi;
            }

            SgdKernel.Step(g, LearningRate, Momentum, p, v, isa);
            AssertSameBits(expectedV, v, $"velocity on {isa}");
            AssertSameBits(expectedP, p, $"parameters on {isa}");
        }
    }

    [Fact]
    public void OrderedSumsAddInIndexOrderInDouble()
    {
        var rng = new Random(5);
        var (x, y) = (Draw(rng, 999), Draw(rng, 999));
        var (squares, magnitudes, distance) = (0.5, 0.0, 0.0);
        for (var i = 0; i < x.Length; i++)
        {
            squares += x[i] * x[i];
            magnitudes += MathF.Abs(x[i]);
            var d = x[i] - y[i];
            distance += d * d;
        }

        Assert.Equal(squares, OrderedSums.SumOfSquares(x, 0.5));
        Assert.Equal(magnitudes, OrderedSums.SumOfMagnitudes(x));
        Assert.Equal(distance, OrderedSums.SquaredDistance(x, y));
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        Assert.Throws<ArgumentException>(() => SquaredErrorKernel.AddGradient(new float[3], new float[3], 1f, new float[2]));
        Assert.Throws<ArgumentException>(() => ActivityPenaltyKernel.AddGradient(new float[3], 1f, 1f, new float[4]));
        Assert.Throws<ArgumentException>(() => SgdKernel.Step(new float[3], 1f, 1f, new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() => OrderedSums.SquaredDistance(new float[3], new float[2]));
    }
}
