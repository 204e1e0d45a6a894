using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

[Collection(nameof(ProcessWide))]
public class TsneEmbedderTests
{
    [Fact]
    public void BitwiseIdenticalForAnyThreadCount()
    {
        // 700 points: three work blocks of the gradient, the last one partial.
        var (x, _) = TsneTestData.Clusters(5, 140, 8, 21);
        float[]? first = null;
        double firstKl = 0;
        foreach (var threads in new[] { 1, 2, 3 })
        {
            var options = new TsneOptions { Perplexity = 10, Iterations = 80, ExaggerationIterations = 40, Threads = threads };
            var result = TsneEmbedder.Fit(x, 700, 8, options);
            if (first is null)
            {
                first = result.Embedding;
                firstKl = result.KlDivergence;
                continue;
            }

            Assert.Equal(first, result.Embedding);
            Assert.Equal(firstKl, result.KlDivergence);
        }
    }

    [Fact]
    public void SeparatedClustersAreSeparatedInTheMap()
    {
        var (x, labels) = TsneTestData.Clusters(6, 60, 10, 3);
        var options = new TsneOptions { Perplexity = 15, Iterations = 400, Threads = 2 };
        var result = TsneEmbedder.Fit(x, 360, 10, options);
        Assert.Equal(720, result.Embedding.Length);
        Assert.All(result.Embedding, v => Assert.True(float.IsFinite(v)));
        Assert.True(NeighborAccuracy.LeaveOneOut(result.Embedding, labels, 360) >= 0.99);
        Assert.InRange(result.KlDivergence, 0.01, 3.0);
    }

    [Fact]
    public void OptimisationLowersTheKlDivergence()
    {
        var (x, _) = TsneTestData.Clusters(4, 50, 5, 8);
        var start = TsneEmbedder.Fit(x, 200, 5, new TsneOptions { Perplexity = 10, Iterations = 0 });
        var end = TsneEmbedder.Fit(x, 200, 5, new TsneOptions { Perplexity = 10, Iterations = 300 });
        Assert.True(end.KlDivergence < 0.5 * start.KlDivergence, $"KL {start.KlDivergence} -> {end.KlDivergence}");
    }

    [Fact]
    public void RandomInitialisationFollowsTheSeed()
    {
        var (x, _) = TsneTestData.Clusters(3, 40, 4, 2);
        TsneOptions Options(int seed) => new() { Perplexity = 8, Iterations = 20, Initialization = TsneInitialization.Random, Seed = seed };
        Assert.Equal(TsneEmbedder.Fit(x, 120, 4, Options(1)).Embedding, TsneEmbedder.Fit(x, 120, 4, Options(1)).Embedding);
        Assert.NotEqual(TsneEmbedder.Fit(x, 120, 4, Options(1)).Embedding, TsneEmbedder.Fit(x, 120, 4, Options(2)).Embedding);
    }

    [Fact]
    public void GainsUpdateSimdMatchesScalarBitwise()
    {
        const int len = 203;
        var gradient = TsneTestData.Uniform(len, 1f, 1);
        var gainsA = TsneTestData.Uniform(len, 1f, 2).Select(Math.Abs).ToArray();
        var updateA = TsneTestData.Uniform(len, 1f, 3);
        var yA = TsneTestData.Uniform(len, 1f, 4);
        var (gainsB, updateB, yB) = (gainsA.ToArray(), updateA.ToArray(), yA.ToArray());
        GainsUpdate.Step(gradient, 0.8f, 833f, 0.2f, 0.8f, 0.01f, gainsA, updateA, yA);
        try
        {
            IsaSelector.Force(Isa.Scalar);
            GainsUpdate.Step(gradient, 0.8f, 833f, 0.2f, 0.8f, 0.01f, gainsB, updateB, yB);
        }
        finally
        {
            IsaSelector.Reset();
        }

        Assert.Equal(gainsB, gainsA);
        Assert.Equal(updateB, updateA);
        Assert.Equal(yB, yA);
        Assert.Contains(gainsA, g => g == 0.01f || g > 0.2f);
    }
}
