using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class PcaInitializationTests
{
    [Fact]
    public void TopEigenvectorsOfARotatedDiagonal()
    {
        // A = R diag(9, 4, 1, 0.5) R^T with R a rotation in the (0, 2) plane.
        const int d = 4;
        double[] eigen = [9, 4, 1, 0.5];
        var angle = 0.3;
        var r = new double[d, d];
        for (var i = 0; i < d; i++)
        {
            r[i, i] = 1;
        }

        r[0, 0] = r[2, 2] = Math.Cos(angle);
        r[0, 2] = -Math.Sin(angle);
        r[2, 0] = Math.Sin(angle);
        var a = new float[d * d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var s = 0.0;
                for (var t = 0; t < d; t++)
                {
                    s += r[i, t] * eigen[t] * r[j, t];
                }

                a[i * d + j] = (float)s;
            }
        }

        var v = PcaInitialization.TopEigenvectors(a, d, 2);
        for (var c = 0; c < 2; c++)
        {
            var dot = 0.0;
            for (var j = 0; j < d; j++)
            {
                dot += v[c * d + j] * r[j, c];
            }

            Assert.Equal(1.0, Math.Abs(dot), 1e-6);
        }
    }

    [Fact]
    public void ScoresFollowTheMainAxisWithStandardDeviation1em4()
    {
        // Points spread along (1, 1, 0) far more than along anything else.
        const int n = 500, d = 3;
        var random = new Random(6);
        var x = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            var t = TsneTestData.Normal(random) * 10;
            x[i * d] = (float)(t + TsneTestData.Normal(random) * 0.1);
            x[i * d + 1] = (float)(t + 5 + TsneTestData.Normal(random) * 0.1);
            x[i * d + 2] = (float)(TsneTestData.Normal(random) * 0.01);
        }

        var y = new float[2 * n];
        PcaInitialization.Compute(x, n, d, 1e-4f, 1, y);
        var first = Enumerable.Range(0, n).Select(i => (double)y[2 * i]).ToArray();
        var mean = first.Average();
        var std = Math.Sqrt(first.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(1e-4, std, 1e-9);
        // The first score is the projection on (1, 1, 0) / sqrt 2, up to the fixed scale.
        var scale = 1e-4 / std;
        var projection = Enumerable.Range(0, n).Select(i => (x[i * d] + x[i * d + 1]) / Math.Sqrt(2)).ToArray();
        var projectionMean = projection.Average();
        var correlation = Enumerable.Range(0, n).Sum(i => (first[i] - mean) * (projection[i] - projectionMean));
        Assert.True(Math.Abs(correlation) / n / 1e-4 / Math.Sqrt(projection.Select(v => (v - projectionMean) * (v - projectionMean)).Average()) > 0.999);
        // Deterministic sign: the largest-magnitude score is positive.
        Assert.True(first.MaxBy(Math.Abs) > 0);
        Assert.True(scale > 0);
    }
}
