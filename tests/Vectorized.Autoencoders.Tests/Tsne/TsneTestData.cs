namespace Vectorized.Autoencoders.Tests.Tsne;

/// <summary>Synthetic inputs for the t-SNE tests: Gaussian clusters and uniform points.</summary>
internal static class TsneTestData
{
    /// <summary>Well-separated Gaussian clusters: centres 10 apart on the axes, unit spread.</summary>
    // returns x: [clusters * perCluster, d], labels: [clusters * perCluster]
    public static (float[] X, int[] Labels) Clusters(int clusters, int perCluster, int d, int seed)
    {
        var random = new Random(seed);
        var n = clusters * perCluster;
        var x = new float[n * d];
        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var c = i % clusters;
            labels[i] = c;
            for (var j = 0; j < d; j++)
            {
                x[i * d + j] = (float)(Normal(random) + (j == c % d ? 10.0 * (1 + c / d) : 0.0));
            }
        }

        return (x, labels);
    }

    public static float[] Uniform(int count, float scale, int seed)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return x;
    }

    public static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
