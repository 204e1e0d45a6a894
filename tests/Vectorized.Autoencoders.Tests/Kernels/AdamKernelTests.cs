using FsCheck.Xunit;
using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>Keras 2.0's Adam in double precision as the oracle, over several steps.</summary>
public class AdamKernelTests
{
    private const float LearningRate = 1e-3f;
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-7f;

    /// <summary>n floats uniform in [-scale, scale].</summary>
    internal static float[] Draw(Random rng, int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)(((rng.NextDouble() * 2) - 1) * scale)).ToArray();

    [Property(MaxTest = 30)]
    public void FiveStepsMatchTheDoubleOracle(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(0, 600);
        var start = Draw(rng, n, 1);
        var gradients = Enumerable.Range(0, 5).Select(_ => Draw(rng, n, 0.1)).ToArray();

        var p = start.Select(x => (double)x).ToArray();
        var m = new double[n];
        var v = new double[n];
        var mMagnitude = new double[n]; // m with |g|: the scale of m's rounding error, as m can cancel to ~0
        for (var t = 1; t <= gradients.Length; t++)
        {
            var lrt = LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t));
            for (var i = 0; i < n; i++)
            {
                double g = gradients[t - 1][i];
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * g);
                mMagnitude[i] = (Beta1 * mMagnitude[i]) + ((1 - Beta1) * Math.Abs(g));
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * g * g);
                p[i] -= lrt * m[i] / (Math.Sqrt(v[i]) + Epsilon);
            }
        }

        foreach (var isa in KernelCase.SupportedIsas())
        {
            var (pf, mf, vf) = ((float[])start.Clone(), new float[n], new float[n]);
            for (var t = 1; t <= gradients.Length; t++)
            {
                AdamKernel.Step(gradients[t - 1], LearningRate, Beta1, Beta2, Epsilon, t, mf, vf, pf, isa);
            }

            for (var i = 0; i < n; i++)
            {
                OracleAssert.Close(mf[i], m[i], 1e-5, mMagnitude[i], () => $"m on {isa}, element {i}");
                OracleAssert.Close(vf[i], v[i], 1e-5, Math.Abs(v[i]), () => $"v on {isa}, element {i}");
                // Each update moves p by about lr; float keeps p to 6e-8 relative.
                OracleAssert.Close(pf[i], p[i], 1e-6, Math.Abs(p[i]) + (5 * LearningRate), () => $"parameter on {isa}, element {i}");
            }
        }
    }

    [Property(MaxTest = 20)]
    public void AnySplitAndAnyPathGiveTheSameBits(int seed)
    {
        // Elements are independent and vector lanes use the scalar tail's fused operations, so a
        // buffer updated whole, in two pieces, or on another path comes out bit-identical: the
        // optimizer cannot make results depend on the thread count or the CPU's width.
        var rng = new Random(seed);
        var n = rng.Next(1, 500);
        var split = rng.Next(0, n + 1);
        var g = Draw(rng, n, 0.1);
        var start = Draw(rng, n, 1);
        var (p0, m0, v0) = ((float[])start.Clone(), Draw(rng, n, 0.01), Draw(rng, n, 0.001).Select(Math.Abs).ToArray());

        var (p, m, v) = ((float[])p0.Clone(), (float[])m0.Clone(), (float[])v0.Clone());
        AdamKernel.Step(g, LearningRate, Beta1, Beta2, Epsilon, 3, m, v, p, Simd.Isa.Scalar);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var (ps, ms, vs) = ((float[])p0.Clone(), (float[])m0.Clone(), (float[])v0.Clone());
            AdamKernel.Step(g.AsSpan(0, split), LearningRate, Beta1, Beta2, Epsilon, 3, ms.AsSpan(0, split), vs.AsSpan(0, split), ps.AsSpan(0, split), isa);
            AdamKernel.Step(g.AsSpan(split), LearningRate, Beta1, Beta2, Epsilon, 3, ms.AsSpan(split), vs.AsSpan(split), ps.AsSpan(split), isa);
            Assert.Equal(p, ps);
            Assert.Equal(m, ms);
            Assert.Equal(v, vs);
        }
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        Assert.Throws<ArgumentException>(() => AdamKernel.Step(new float[3], LearningRate, Beta1, Beta2, Epsilon, 1, new float[3], new float[2], new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdamKernel.Step(new float[3], LearningRate, Beta1, Beta2, Epsilon, 0, new float[3], new float[3], new float[3]));
    }
}
