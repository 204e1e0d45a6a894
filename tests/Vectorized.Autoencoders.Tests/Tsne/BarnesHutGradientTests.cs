using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class BarnesHutGradientTests
{
    private static (SparseAffinities P, float[] Y) Problem(int n, int seed)
    {
        const int d = 6;
        var (x, _) = TsneTestData.Clusters(4, n / 4, d, seed);
        var k = Math.Min(n - 1, 15);
        var indices = new int[n * k];
        var distances = new float[n * k];
        ExactNeighbors.Search(x, n, d, k, 1, indices, distances);
        var conditional = new double[n * k];
        PerplexityCalibration.Calibrate(distances, n, k, 5.0, 1, conditional);
        var p = SparseAffinities.Symmetrize(indices, conditional, n, k);
        var y = TsneTestData.Uniform(2 * n, 5f, seed + 1);
        return (p, y);
    }

    /// <summary>The O(N^2) gradient (without the factor 4) and KL, in double precision.</summary>
    private static (double[] Gradient, double Kl) Exact(SparseAffinities p, float[] y, double exaggeration)
    {
        var n = p.Points;
        var w = new double[n, n];
        var z = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    w[i, j] = 1 / (1 + dx * dx + dy * dy);
                    z += w[i, j];
                }
            }
        }

        var dense = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                dense[i, p.Columns[e]] = p.Values[e];
            }
        }

        var gradient = new double[2 * n];
        var kl = 0.0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var factor = (exaggeration * dense[i, j] - w[i, j] / z) * w[i, j];
                gradient[2 * i] += factor * (y[2 * i] - y[2 * j]);
                gradient[2 * i + 1] += factor * (y[2 * i + 1] - y[2 * j + 1]);
                if (dense[i, j] > 0)
                {
                    kl += dense[i, j] * Math.Log(dense[i, j] / (w[i, j] / z));
                }
            }
        }

        return (gradient, kl);
    }

    [Theory]
    [InlineData(200, 1f, 1)]
    [InlineData(600, 12f, 4)]
    public void ThetaZeroEqualsTheExactGradient(int n, float exaggeration, int leafCapacity)
    {
        var (p, y) = Problem(n, n);
        var (expected, expectedKl) = Exact(p, y, exaggeration);
        var bh = new BarnesHutGradient(2, leafCapacity);
        var gradient = new float[2 * n];
        bh.Compute(y, p, exaggeration, 0f, gradient);
        var scale = expected.Max(Math.Abs);
        for (var i = 0; i < 2 * n; i++)
        {
            Assert.True(Math.Abs(gradient[i] - expected[i]) <= 1e-4 * scale, $"coordinate {i}: {gradient[i]} vs {expected[i]}");
        }

        Assert.Equal(expectedKl, bh.KlDivergence(y, p, 0f), 1e-5);
    }

    [Fact]
    public void DefaultThetaApproximatesTheExactGradient()
    {
        const int n = 400;
        var (p, y) = Problem(n, 9);
        var (expected, expectedKl) = Exact(p, y, 1.0);
        var bh = new BarnesHutGradient(1);
        var gradient = new float[2 * n];
        bh.Compute(y, p, 1f, TsneOptions.DefaultTheta, gradient);
        double error = 0, norm = 0;
        for (var i = 0; i < 2 * n; i++)
        {
            error += (gradient[i] - expected[i]) * (gradient[i] - expected[i]);
            norm += expected[i] * expected[i];
        }

        // Barnes-Hut at theta 0.5 is a few percent off in norm, not exact: this bounds it, and fails if it were exact-by-accident zero.
        Assert.InRange(Math.Sqrt(error / norm), 1e-7, 0.05);
        Assert.Equal(expectedKl, bh.KlDivergence(y, p, TsneOptions.DefaultTheta), 0.02);
    }
}
