using Vectorized.Autoencoders.Gemm;

namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// Exact k nearest neighbours by brute force: squared distances |x|^2 + |y|^2 - 2 x.y, the dot
/// products from SGEMM over a block of rows at a time so the workspace stays bounded, then a
/// partial selection per row. At 10-70k points of 32-D this is one GEMM of N^2 D flops, which a
/// packed SGEMM runs faster than any tree search.
/// </summary>
public static class ExactNeighbors
{
    /// <summary>Floats of distance workspace per block (64 MiB); a block holds at least one row.</summary>
    public const int DefaultWorkspaceFloats = 16 << 20;

    /// <summary>
    /// Finds each point's <paramref name="k"/> nearest other points, ordered by (distance, index).
    /// </summary>
    // x: [n, d]; indices: [n, k]; distances: [n, k] (squared euclidean)
    public static void Search(
        ReadOnlySpan<float> x, int n, int d, int k, int threads, Span<int> indices, Span<float> distances,
        int workspaceFloats = DefaultWorkspaceFloats)
    {
        if (k < 1 || k >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"k must be in [1, {n - 1}], got {k}.");
        }

        if (x.Length < n * d || indices.Length < n * k || distances.Length < n * k)
        {
            throw new ArgumentException("Buffer shorter than its shape.");
        }

        var norms = new float[n];
        SquaredNorms(x, n, d, norms);
        var blockRows = Math.Clamp(workspaceFloats / n, 1, n);
        var dots = new float[blockRows * n];
        var xArray = x[..(n * d)].ToArray();
        var indexArray = new int[n * k];
        var distanceArray = new float[n * k];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        for (var row0 = 0; row0 < n; row0 += blockRows)
        {
            var rows = Math.Min(blockRows, n - row0);
            // dots[r, j] = x[row0 + r] . x[j]
            Sgemm.Multiply(false, true, rows, n, d, 1f, xArray.AsSpan(row0 * d, rows * d), d, xArray, d, 0f, dots, n, threads);
            var start = row0;
            Parallel.For(0, rows, options, r =>
            {
                var i = start + r;
                SelectRow(dots.AsSpan(r * n, n), norms, i, k, indexArray.AsSpan(i * k, k), distanceArray.AsSpan(i * k, k));
            });
        }

        indexArray.CopyTo(indices);
        distanceArray.CopyTo(distances);
    }

    // x: [n, d]; norms: [n]
    private static void SquaredNorms(ReadOnlySpan<float> x, int n, int d, Span<float> norms)
    {
        for (var i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            var sum = 0.0;
            foreach (var v in row)
            {
                sum += (double)v * v;
            }

            norms[i] = (float)sum;
        }
    }

    /// <summary>The k smallest of one row of distances (self excluded), sorted by (distance, index).</summary>
    // dots: [n] (x_i . x_j); norms: [n]; indices, distances: [k]
    internal static void SelectRow(
        ReadOnlySpan<float> dots, ReadOnlySpan<float> norms, int self, int k, Span<int> indices, Span<float> distances)
    {
        // A max-heap on (distance, index) of the best k so far: the root is the one to evict.
        var count = 0;
        var selfNorm = norms[self];
        for (var j = 0; j < dots.Length; j++)
        {
            if (j == self)
            {
                continue;
            }

            // Rounding can make the expansion slightly negative for near-duplicates.
            var dist = Math.Max(selfNorm + norms[j] - 2f * dots[j], 0f);
            if (count < k)
            {
                HeapPush(distances, indices, count++, dist, j);
            }
            else if (Before(dist, j, distances[0], indices[0]))
            {
                HeapReplaceRoot(distances, indices, k, dist, j);
            }
        }

        // Heap sort in place: repeatedly move the largest to the end.
        for (var end = k - 1; end > 0; end--)
        {
            (distances[0], distances[end]) = (distances[end], distances[0]);
            (indices[0], indices[end]) = (indices[end], indices[0]);
            SiftDown(distances, indices, end, 0);
        }
    }

    private static bool Before(float da, int ia, float db, int ib) => da < db || (da == db && ia < ib);

    private static void HeapPush(Span<float> dist, Span<int> idx, int count, float d, int i)
    {
        var pos = count;
        while (pos > 0)
        {
            var parent = (pos - 1) >> 1;
            if (!Before(dist[parent], idx[parent], d, i))
            {
                break;
            }

            dist[pos] = dist[parent];
            idx[pos] = idx[parent];
            pos = parent;
        }

        dist[pos] = d;
        idx[pos] = i;
    }

    private static void HeapReplaceRoot(Span<float> dist, Span<int> idx, int count, float d, int i)
    {
        dist[0] = d;
        idx[0] = i;
        SiftDown(dist, idx, count, 0);
    }

    private static void SiftDown(Span<float> dist, Span<int> idx, int count, int pos)
    {
        var d = dist[pos];
        var i = idx[pos];
        while (true)
        {
            var child = 2 * pos + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Before(dist[child], idx[child], dist[child + 1], idx[child + 1]))
            {
                child++;
            }

            if (!Before(d, i, dist[child], idx[child]))
            {
                break;
            }

            dist[pos] = dist[child];
            idx[pos] = idx[child];
            pos = child;
        }

        dist[pos] = d;
        idx[pos] = i;
    }
}
