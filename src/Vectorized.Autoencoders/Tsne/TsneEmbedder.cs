using System.Diagnostics;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// Barnes-Hut t-SNE: exact k-nearest-neighbour input similarities calibrated to a perplexity,
/// then gradient descent on KL(P || Q) with early exaggeration, momentum and gains.
/// </summary>
public static class TsneEmbedder
{
    /// <summary>Embeds the rows of <paramref name="x"/> in 2-D.</summary>
    // x: [n, d]
    public static TsneResult Fit(ReadOnlySpan<float> x, int n, int d, TsneOptions? options = null)
    {
        options ??= new TsneOptions();
        options.Validate(n);
        if (d < 1 || x.Length < n * d)
        {
            throw new ArgumentException($"Input holds {x.Length} floats, fewer than {n} x {d}.");
        }

        var total = Stopwatch.StartNew();
        var k = options.NeighborCount(n);
        var neighbors = new int[n * k];
        var distances = new float[n * k];
        ExactNeighbors.Search(x, n, d, k, options.Threads, neighbors, distances);
        var neighborSeconds = total.Elapsed.TotalSeconds;

        var conditional = new double[n * k];
        PerplexityCalibration.Calibrate(distances, n, k, options.Perplexity, options.Threads, conditional);
        var p = SparseAffinities.Symmetrize(neighbors, conditional, n, k);

        var y = new float[2 * n];
        if (options.Initialization == TsneInitialization.Pca)
        {
            PcaInitialization.Compute(x, n, d, TsneOptions.DefaultInitialStandardDeviation, options.Threads, y);
        }
        else
        {
            RandomInitialization(n, options.Seed, TsneOptions.DefaultInitialStandardDeviation, y);
        }

        var optimizeStart = total.Elapsed.TotalSeconds;
        var gradient = new BarnesHutGradient(options.Threads);
        var kl = Optimize(p, options, gradient, y);
        var optimizeSeconds = total.Elapsed.TotalSeconds - optimizeStart;
        return new TsneResult(y, n, kl, total.Elapsed.TotalSeconds, neighborSeconds, optimizeSeconds);
    }

    /// <summary>Runs the optimisation schedule on an initial map and returns the final KL divergence.</summary>
    // y: [n, 2], updated in place
    internal static double Optimize(SparseAffinities p, TsneOptions options, BarnesHutGradient gradient, float[] y)
    {
        var n = p.Points;
        var grad = new float[2 * n];
        var update = new float[2 * n];
        var gains = new float[2 * n];
        gains.AsSpan().Fill(1f);
        var learningRate = options.EffectiveLearningRate(n);
        var exaggerationIterations = options.EffectiveExaggerationIterations;
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            var early = iteration < exaggerationIterations;
            var exaggeration = early ? options.EarlyExaggeration : 1f;
            var momentum = early ? options.InitialMomentum : options.FinalMomentum;
            gradient.Compute(y, p, exaggeration, options.Theta, grad);
            GainsUpdate.Step(
                grad, momentum, learningRate, TsneOptions.DefaultGainIncrease, TsneOptions.DefaultGainDecay,
                TsneOptions.DefaultMinGain, gains, update, y);
        }

        return gradient.KlDivergence(y, p, options.Theta);
    }

    // y: [n, 2]
    private static void RandomInitialization(int n, int seed, float standardDeviation, Span<float> y)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2 * n; i += 2)
        {
            // Box-Muller: two independent normals from two uniforms (BoxMuller's ln, sin and cos:
            // the same start on every OS).
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var r = Math.Sqrt(-2.0 * BoxMuller.Log(u1)) * standardDeviation;
            var (sin, cos) = BoxMuller.SinCos(2 * Math.PI * u2);
            y[i] = (float)(r * cos);
            y[i + 1] = (float)(r * sin);
        }
    }
}
