using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>Loads the real MNIST that tools/fetch-mnist.sh put in data/mnist (CI runs it before the tests).</summary>
public class MnistDatasetTests
{
    private static MnistDataset LoadReal()
    {
        Assert.True(Directory.Exists(RepositoryPaths.Mnist), $"{RepositoryPaths.Mnist} is missing: run tools/fetch-mnist.sh");
        return MnistDataset.Load(RepositoryPaths.Mnist);
    }

    [Fact]
    public void RealMnistHasTheKnownShapesAndLabels()
    {
        var mnist = LoadReal();
        Assert.Equal(60000, mnist.Train.Count);
        Assert.Equal(10000, mnist.Test.Count);
        Assert.Equal(28, mnist.Train.Height);
        Assert.Equal(28, mnist.Train.Width);
        Assert.Equal(784, mnist.Test.Features);

        // The first training digits are 5 0 4 1 9 and the first test digits 7 2 1 0 4.
        Assert.Equal(new byte[] { 5, 0, 4, 1, 9 }, mnist.Train.Labels.Span[..5].ToArray());
        Assert.Equal(new byte[] { 7, 2, 1, 0, 4 }, mnist.Test.Labels.Span[..5].ToArray());

        // Every class occurs; the training set has 6742 ones, the most frequent digit.
        var histogram = new int[256];
        foreach (var label in mnist.Train.Labels.Span)
        {
            histogram[label]++;
        }

        Assert.Equal(6742, histogram[1]);
        Assert.Equal(60000, histogram.AsSpan(0, 10).ToArray().Sum());
    }

    [Fact]
    public void RealMnistBatchesAreScaledPixels()
    {
        var mnist = LoadReal();
        int[] indices = [59999, 0, 12345];
        var batch = new float[indices.Length * 784];
        mnist.Train.CopyBatch(indices, batch);
        for (var i = 0; i < indices.Length; i++)
        {
            var pixels = mnist.Train.Pixels.Span.Slice(indices[i] * 784, 784);
            for (var j = 0; j < 784; j++)
            {
                Assert.Equal(pixels[j] / 255f, batch[(i * 784) + j]);
            }
        }

        Assert.Equal(1f, batch.Max());
        Assert.Equal(0f, batch.Min());
    }

    [Fact]
    public void MissingFolderNamesThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "vecae-no-such-folder-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<FileFormatException>(() => MnistDataset.Load(missing));
        Assert.Equal(missing, e.FilePath);
        Assert.Contains("no such folder", e.Reason);
    }
}
