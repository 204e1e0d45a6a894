using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Tests.Tsne;

public class PerplexityCalibrationTests
{
    /// <summary>Every row's entropy, recomputed in double from scratch, is log(perplexity) within 1e-5.</summary>
    [Property(MaxTest = 40)]
    public Property EveryRowMeetsThePerplexity(PositiveInt seed, PositiveInt kRaw, PositiveInt scaleRaw)
    {
        var k = 4 + kRaw.Get % 120;
        var perplexity = 1.5 + (seed.Get % 1000) / 1000.0 * (k / 3.0);
        var scale = Math.Pow(10, scaleRaw.Get % 9 - 4);
        const int n = 5;
        var random = new Random(seed.Get);
        var distances = new float[n * k];
        for (var i = 0; i < distances.Length; i++)
        {
            distances[i] = (float)(random.NextDouble() * random.NextDouble() * scale);
        }

        var p = new double[n * k];
        var betas = new double[n];
        PerplexityCalibration.Calibrate(distances, n, k, perplexity, 1, p, betas);
        var target = Math.Log(perplexity);
        for (var i = 0; i < n; i++)
        {
            // Reference: Gaussian weights from the returned beta, normalised in double. Relative to the
            // row's nearest distance, as exp(-beta d) alone underflows for the tight rows.
            var weights = new double[k];
            var sum = 0.0;
            var nearest = distances.AsSpan(i * k, k).ToArray().Min();
            for (var j = 0; j < k; j++)
            {
                weights[j] = Math.Exp(-betas[i] * ((double)distances[i * k + j] - nearest));
                sum += weights[j];
            }

            var entropy = 0.0;
            for (var j = 0; j < k; j++)
            {
                var q = weights[j] / sum;
                if (q > 0)
                {
                    entropy -= q * Math.Log(q);
                }

                if (Math.Abs(q - p[i * k + j]) > 1e-9)
                {
                    return false.Label($"row {i} entry {j}: p {p[i * k + j]} vs reference {q}");
                }
            }

            if (Math.Abs(entropy - target) > 1e-5)
            {
                return false.Label($"row {i}: entropy {entropy} vs log(perplexity) {target} (k {k}, scale {scale})");
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public void EqualDistancesGiveUniformRows()
    {
        const int k = 9;
        var distances = Enumerable.Repeat(2.5f, k).ToArray();
        var p = new double[k];
        PerplexityCalibration.Calibrate(distances, 1, k, 5.0, 1, p);
        Assert.All(p, v => Assert.Equal(1.0 / k, v, 12));
    }
}
