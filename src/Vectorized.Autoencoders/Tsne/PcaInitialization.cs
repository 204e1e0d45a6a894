using Vectorized.Autoencoders.Gemm;

namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// The first two principal components of the input, the start of the map (scikit-learn's
/// init='pca'): covariance through SGEMM, the top two eigenvectors by orthogonal (subspace)
/// iteration in double precision, the sign fixed so each component's largest-magnitude score
/// is positive, then both columns scaled so the first has standard deviation 1e-4.
/// </summary>
internal static class PcaInitialization
{
    public const int MaxIterations = 2000;

    /// <summary>Iteration stops when the subspace moves less than this (1 - |cos|).</summary>
    public const double Tolerance = 1e-12;

    // x: [n, d]; embedding: [n, 2]
    public static void Compute(ReadOnlySpan<float> x, int n, int d, float standardDeviation, int threads, Span<float> embedding)
    {
        var mean = new double[d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                mean[j] += x[i * d + j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= n;
        }

        var centered = new float[n * d];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < d; j++)
            {
                centered[i * d + j] = (float)(x[i * d + j] - mean[j]);
            }
        }

        // covariance: [d, d] = centered^T centered (the 1 / (n - 1) does not change eigenvectors)
        var covariance = new float[d * d];
        Sgemm.Multiply(true, false, d, d, n, 1f, centered, d, centered, d, 0f, covariance, d, threads);
        var components = TopEigenvectors(covariance, d, Math.Min(2, d));

        // scores: [n, 2] = centered components
        var scores = new double[n * 2];
        for (var c = 0; c < components.Length / d; c++)
        {
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++)
                {
                    s += centered[i * d + j] * components[c * d + j];
                }

                scores[i * 2 + c] = s;
            }
        }

        for (var c = 0; c < 2; c++)
        {
            var largest = 0.0;
            for (var i = 0; i < n; i++)
            {
                var v = scores[i * 2 + c];
                if (Math.Abs(v) > Math.Abs(largest))
                {
                    largest = v;
                }
            }

            if (largest < 0)
            {
                for (var i = 0; i < n; i++)
                {
                    scores[i * 2 + c] = -scores[i * 2 + c];
                }
            }
        }

        var sum = 0.0;
        var sumSquares = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += scores[i * 2];
        }

        var mean0 = sum / n;
        for (var i = 0; i < n; i++)
        {
            var v = scores[i * 2] - mean0;
            sumSquares += v * v;
        }

        // Population standard deviation, as numpy's std.
        var std = Math.Sqrt(sumSquares / n);
        var scale = std > 0 ? standardDeviation / std : 1.0;
        for (var i = 0; i < 2 * n; i++)
        {
            embedding[i] = (float)(scores[i] * scale);
        }
    }

    /// <summary>The top <paramref name="count"/> eigenvectors of a symmetric matrix, by subspace iteration.</summary>
    // matrix: [d, d] symmetric; returns [count, d], orthonormal rows, by decreasing eigenvalue
    internal static double[] TopEigenvectors(ReadOnlySpan<float> matrix, int d, int count)
    {
        var a = new double[d * d];
        for (var i = 0; i < d * d; i++)
        {
            a[i] = matrix[i];
        }

        // A deterministic start that is not orthogonal to any particular eigenvector in practice.
        var v = new double[count * d];
        for (var c = 0; c < count; c++)
        {
            for (var j = 0; j < d; j++)
            {
                v[c * d + j] = 1.0 + 0.5 * Math.Sin(1.0 + 7.3 * j * (c + 1) + 0.37 * c);
            }
        }

        Orthonormalize(v, d, count);
        var next = new double[count * d];
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            for (var c = 0; c < count; c++)
            {
                for (var i = 0; i < d; i++)
                {
                    var s = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        s += a[i * d + j] * v[c * d + j];
                    }

                    next[c * d + i] = s;
                }
            }

            Orthonormalize(next, d, count);
            var moved = 0.0;
            for (var c = 0; c < count; c++)
            {
                var dot = 0.0;
                for (var j = 0; j < d; j++)
                {
                    dot += next[c * d + j] * v[c * d + j];
                }

                moved = Math.Max(moved, 1 - Math.Abs(dot));
            }

            (v, next) = (next, v);
            if (moved < Tolerance)
            {
                break;
            }
        }

        return v;
    }

    /// <summary>Modified Gram-Schmidt over the rows of v: [count, d].</summary>
    private static void Orthonormalize(double[] v, int d, int count)
    {
        for (var c = 0; c < count; c++)
        {
            for (var prev = 0; prev < c; prev++)
            {
                var dot = 0.0;
                for (var j = 0; j < d; j++)
                {
                    dot += v[c * d + j] * v[prev * d + j];
                }

                for (var j = 0; j < d; j++)
                {
                    v[c * d + j] -= dot * v[prev * d + j];
                }
            }

            var norm = 0.0;
            for (var j = 0; j < d; j++)
            {
                norm += v[c * d + j] * v[c * d + j];
            }

            norm = Math.Sqrt(norm);
            if (norm == 0)
            {
                // A zero matrix or a start inside the null space: any unit vector will do.
                v[c * d + (c % d)] = 1;
                continue;
            }

            for (var j = 0; j < d; j++)
            {
                v[c * d + j] /= norm;
            }
        }
    }
}
