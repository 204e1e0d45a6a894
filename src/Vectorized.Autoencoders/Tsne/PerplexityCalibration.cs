namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// Per point, the Gaussian precision beta whose conditional distribution over the point's
/// neighbours, p_j|i proportional to exp(-beta d_ij^2), has entropy log(perplexity) in nats.
/// Bisection in double precision: the entropy is monotone in beta, and single precision cannot
/// meet a 1e-5 tolerance at 90 neighbours.
/// </summary>
internal static class PerplexityCalibration
{
    /// <summary>Bisection stops when |H - log(perplexity)| is below this (nats).</summary>
    public const double EntropyTolerance = 1e-10;

    public const int MaxSteps = 200;

    /// <summary>Computes the conditional probabilities p_j|i of every row; each row sums to 1.</summary>
    // distances: [n, k] squared distances to the neighbours; conditional: [n, k]; betas: [n] (optional)
    public static void Calibrate(
        ReadOnlySpan<float> distances, int n, int k, double perplexity, int threads, Span<double> conditional, Span<double> betas = default)
    {
        var target = Math.Log(perplexity);
        var distanceArray = distances[..(n * k)].ToArray();
        var result = new double[n * k];
        var betaArray = new double[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, n, options, i =>
            betaArray[i] = CalibrateRow(distanceArray.AsSpan(i * k, k), target, result.AsSpan(i * k, k)));
        result.CopyTo(conditional);
        if (!betas.IsEmpty)
        {
            betaArray.CopyTo(betas);
        }
    }

    /// <summary>Calibrates one row; returns beta (for distances shifted by the row's minimum, which P does not depend on).</summary>
    // distances: [k]; p: [k]
    internal static double CalibrateRow(ReadOnlySpan<float> distances, double targetEntropy, Span<double> p)
    {
        // Shifting by the nearest distance keeps exp() from underflowing for far-away points; the
        // normalised P is unchanged.
        var nearest = double.PositiveInfinity;
        foreach (var d in distances)
        {
            nearest = Math.Min(nearest, d);
        }

        double beta = 1, lo = 0, hi = double.PositiveInfinity;
        for (var step = 0; step < MaxSteps; step++)
        {
            var entropy = RowEntropy(distances, nearest, beta, p);
            var error = entropy - targetEntropy;
            if (Math.Abs(error) < EntropyTolerance)
            {
                break;
            }

            // Too flat (entropy too high): sharpen the Gaussian, i.e. raise beta.
            if (error > 0)
            {
                lo = beta;
                beta = double.IsPositiveInfinity(hi) ? beta * 2 : (beta + hi) / 2;
            }
            else
            {
                hi = beta;
                beta = (beta + lo) / 2;
            }
        }

        RowEntropy(distances, nearest, beta, p);
        return beta;
    }

    /// <summary>Fills p with the normalised Gaussian weights and returns their entropy in nats.</summary>
    private static double RowEntropy(ReadOnlySpan<float> distances, double shift, double beta, Span<double> p)
    {
        var sum = 0.0;
        var weighted = 0.0;
        for (var j = 0; j < distances.Length; j++)
        {
            var d = distances[j] - shift;
            var w = Math.Exp(-beta * d);
            p[j] = w;
            sum += w;
            weighted += d * w;
        }

        // H = -sum p log p = log(sum) + beta * E[d] with p = w / sum.
        var entropy = Math.Log(sum) + beta * weighted / sum;
        var inverse = 1.0 / sum;
        for (var j = 0; j < p.Length; j++)
        {
            p[j] *= inverse;
        }

        return entropy;
    }
}
