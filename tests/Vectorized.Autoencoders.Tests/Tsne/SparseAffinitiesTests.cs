using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class SparseAffinitiesTests
{
    [Fact]
    public void SymmetricSumsToOneAndAveragesBothDirections()
    {
        const int n = 120, d = 4, k = 12;
        var x = TsneTestData.Uniform(n * d, 1f, 5);
        var indices = new int[n * k];
        var distances = new float[n * k];
        ExactNeighbors.Search(x, n, d, k, 1, indices, distances);
        var conditional = new double[n * k];
        PerplexityCalibration.Calibrate(distances, n, k, 4.0, 1, conditional);
        var p = SparseAffinities.Symmetrize(indices, conditional, n, k);

        var dense = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < k; t++)
            {
                dense[i, indices[i * k + t]] += conditional[i * k + t];
            }
        }

        var total = 0.0;
        var stored = new HashSet<(int, int)>();
        for (var i = 0; i < n; i++)
        {
            for (var e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                var j = p.Columns[e];
                Assert.True(e == p.RowStart[i] || p.Columns[e - 1] < j, "columns ascend within a row");
                Assert.NotEqual(i, j);
                var expected = (dense[i, j] + dense[j, i]) / (2.0 * n);
                Assert.Equal(expected, p.Values[e], 1e-7);
                total += p.Values[e];
                stored.Add((i, j));
            }
        }

        Assert.Equal(1.0, total, 1e-5);
        foreach (var (i, j) in stored)
        {
            Assert.Contains((j, i), stored);
        }

        // Every non-zero of the dense matrix is stored.
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                Assert.Equal(dense[i, j] + dense[j, i] > 0, stored.Contains((i, j)));
            }
        }
    }
}
