using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class NeighborAccuracyTests
{
    [Theory]
    [InlineData(300, 10, 4)]
    [InlineData(50, 3, 3)]
    [InlineData(12, 10, 2)]
    public void MatchesBruteForceVote(int n, int k, int classes)
    {
        var y = TsneTestData.Uniform(2 * n, 1f, n);
        var random = new Random(k);
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(classes)).ToArray();
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            var nearest = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => Math.Pow(y[2 * i] - y[2 * j], 2) + Math.Pow(y[2 * i + 1] - y[2 * j + 1], 2)).ThenBy(j => j)
                .Take(k);
            var votes = new int[classes];
            foreach (var j in nearest)
            {
                votes[labels[j]]++;
            }

            // Ties go to the smallest label (numpy's argmax of bincount).
            correct += Array.IndexOf(votes, votes.Max()) == labels[i] ? 1 : 0;
        }

        Assert.Equal((double)correct / n, NeighborAccuracy.LeaveOneOut(y, labels, n, k, threads: 2), 12);
    }

    [Fact]
    public void SeparatedBlobsScoreOne()
    {
        var (x, labels) = TsneTestData.Clusters(2, 100, 2, 4);
        Assert.Equal(1.0, NeighborAccuracy.LeaveOneOut(x, labels, 200));
    }
}
