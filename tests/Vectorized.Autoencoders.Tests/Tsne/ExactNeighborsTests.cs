using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

[Collection(nameof(ProcessWide))]
public class ExactNeighborsTests
{
    [Theory]
    [InlineData(150, 7, 10)]
    [InlineData(64, 32, 63)]
    [InlineData(300, 3, 1)]
    public void MatchesDoublePrecisionBruteForce(int n, int d, int k)
    {
        var x = TsneTestData.Uniform(n * d, 3f, n + d);
        var indices = new int[n * k];
        var distances = new float[n * k];
        ExactNeighbors.Search(x, n, d, k, 2, indices, distances);
        for (var i = 0; i < n; i++)
        {
            var reference = Enumerable.Range(0, n).Where(j => j != i)
                .Select(j => (Index: j, Distance: SquaredDistance(x, d, i, j)))
                .OrderBy(t => t.Distance).ThenBy(t => t.Index).Take(k).ToArray();
            for (var t = 0; t < k; t++)
            {
                Assert.Equal(reference[t].Index, indices[i * k + t]);
                Assert.Equal(reference[t].Distance, distances[i * k + t], 1e-3 * (1 + reference[t].Distance));
            }
        }
    }

    [Fact]
    public void SelectionExcludesSelfAndBreaksTiesByIndex()
    {
        float[] norms = [0f, 1f, 1f, 1f];
        float[] dots = [0f, 0f, 0f, 0f];
        var indices = new int[2];
        var distances = new float[2];
        ExactNeighbors.SelectRow(dots, norms, 0, 2, indices, distances);
        Assert.Equal([1, 2], indices);
        Assert.Equal([1f, 1f], distances);
    }

    [Fact]
    public void BlockedSearchEqualsOneBlock()
    {
        const int n = 97, d = 5, k = 6;
        var x = TsneTestData.Uniform(n * d, 2f, 11);
        var whole = (new int[n * k], new float[n * k]);
        var blocked = (new int[n * k], new float[n * k]);
        ExactNeighbors.Search(x, n, d, k, 1, whole.Item1, whole.Item2);
        // 3 rows per block: 33 blocks, the last one partial.
        ExactNeighbors.Search(x, n, d, k, 2, blocked.Item1, blocked.Item2, workspaceFloats: 3 * n);
        Assert.Equal(whole.Item1, blocked.Item1);
        Assert.Equal(whole.Item2, blocked.Item2);
    }

    [Theory]
    [InlineData(400, 20)]
    [InlineData(37, 36)]
    [InlineData(1000, 1)]
    public void VectorFilterMatchesScalarSelection(int n, int k)
    {
        // The same dot products through both paths (SGEMM itself differs per ISA, so it is left out).
        var dots = TsneTestData.Uniform(n, 1f, n);
        var norms = TsneTestData.Uniform(n, 1f, k).Select(v => 2f + v).ToArray();
        dots[n / 2] = dots[n / 3]; // a tie
        norms[n / 2] = norms[n / 3];
        var vector = (new int[k], new float[k]);
        var scalar = (new int[k], new float[k]);
        ExactNeighbors.SelectRow(dots, norms, n / 5, k, vector.Item1, vector.Item2);
        try
        {
            IsaSelector.Force(Isa.Scalar);
            ExactNeighbors.SelectRow(dots, norms, n / 5, k, scalar.Item1, scalar.Item2);
        }
        finally
        {
            IsaSelector.Reset();
        }

        Assert.Equal(scalar.Item1, vector.Item1);
        Assert.Equal(scalar.Item2, vector.Item2);
        Assert.DoesNotContain(n / 5, vector.Item1);
    }

    private static double SquaredDistance(float[] x, int d, int i, int j)
    {
        var sum = 0.0;
        for (var t = 0; t < d; t++)
        {
            double diff = x[i * d + t] - x[j * d + t];
            sum += diff * diff;
        }

        return sum;
    }
}
