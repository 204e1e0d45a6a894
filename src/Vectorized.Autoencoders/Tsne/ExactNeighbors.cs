using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// Exact k nearest neighbours by brute force: squared distances |x|^2 + |y|^2 - 2 x.y, the dot
/// products from SGEMM over a block of rows at a time so the workspace stays bounded, then a
/// partial selection per row. At 10-70k points of 32-D this is one GEMM of N^2 D flops, which a
/// packed SGEMM runs faster than any tree search.
/// </summary>
internal static class ExactNeighbors
{
    /// <summary>Floats of dot-product workspace per work item (64 MiB); an item holds at least one row.</summary>
    public const int DefaultWorkspaceFloats = 16 << 20;

    /// <summary>Rows per work item at most: enough for SGEMM to pack well, small enough to balance threads.</summary>
    internal const int MaxChunkRows = 64;

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
        // Work items of a fixed number of rows (independent of the thread count, so each row's dot
        // products come from the same GEMM call shape), each with its own block of dot products: the
        // GEMM and the selection run in parallel even where SGEMM is single-threaded, and at most
        // `threads` workspaces of workspaceFloats are alive at once.
        var chunkRows = Math.Clamp(workspaceFloats / n, 1, MaxChunkRows);
        var chunks = (n + chunkRows - 1) / chunkRows;
        var xArray = x[..(n * d)].ToArray();
        var indexArray = new int[n * k];
        var distanceArray = new float[n * k];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, chunks, options, () => new float[chunkRows * n], (chunk, _, dots) =>
        {
            var row0 = chunk * chunkRows;
            var rows = Math.Min(chunkRows, n - row0);
            // dots[r, j] = x[row0 + r] . x[j]
            Sgemm.Multiply(false, true, rows, n, d, 1f, xArray.AsSpan(row0 * d, rows * d), d, xArray, d, 0f, dots, n, 1);
            for (var r = 0; r < rows; r++)
            {
                var i = row0 + r;
                SelectRow(dots.AsSpan(r * n, n), norms, i, k, indexArray.AsSpan(i * k, k), distanceArray.AsSpan(i * k, k));
            }

            return dots;
        }, _ => { });

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
        var j = 0;
        for (; j < dots.Length && count < k; j++)
        {
            if (j != self)
            {
                HeapPush(distances, indices, count++, Distance(selfNorm, norms[j], dots[j]), j);
            }
        }

        var lanes = Vector256<float>.Count;
        if (Vector256.IsHardwareAccelerated && IsaSelector.Current >= Isa.Avx2)
        {
            // Most candidates lose to the current k-th distance: test a vector of them at once and
            // take the scalar path only for lanes that could enter. Same operations in the same
            // order as Distance(), so the filter never disagrees with it.
            var selfVector = Vector256.Create(selfNorm);
            for (; j <= dots.Length - lanes; j += lanes)
            {
                var dist = selfVector + Vector256.Create(norms.Slice(j, lanes)) - Vector256.Create(2f) * Vector256.Create(dots.Slice(j, lanes));
                var candidates = Vector256.LessThanOrEqual(dist, Vector256.Create(distances[0])).ExtractMostSignificantBits();
                while (candidates != 0)
                {
                    var t = j + System.Numerics.BitOperations.TrailingZeroCount(candidates);
                    candidates &= candidates - 1;
                    Offer(distances, indices, k, self, t, Distance(selfNorm, norms[t], dots[t]));
                }
            }
        }

        for (; j < dots.Length; j++)
        {
            Offer(distances, indices, k, self, j, Distance(selfNorm, norms[j], dots[j]));
        }

        // Heap sort in place: repeatedly move the largest to the end.
        for (var end = k - 1; end > 0; end--)
        {
            (distances[0], distances[end]) = (distances[end], distances[0]);
            (indices[0], indices[end]) = (indices[end], indices[0]);
            SiftDown(distances, indices, end, 0);
        }
    }

    // Rounding can make the expansion slightly negative for near-duplicates.
    private static float Distance(float selfNorm, float norm, float dot) => Math.Max(selfNorm + norm - 2f * dot, 0f);

    private static void Offer(Span<float> distances, Span<int> indices, int k, int self, int j, float dist)
    {
        if (j != self && Before(dist, j, distances[0], indices[0]))
        {
            HeapReplaceRoot(distances, indices, k, dist, j);
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
