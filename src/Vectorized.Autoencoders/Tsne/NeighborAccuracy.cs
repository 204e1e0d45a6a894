namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// Leave-one-out k-nearest-neighbour label accuracy in a 2-D map (the figure the t-SNE
/// literature reports): the share of points whose k nearest other points vote, by majority with
/// ties going to the smallest label, for the point's own label.
/// </summary>
public static class NeighborAccuracy
{
    public const int DefaultNeighbors = 10;

    // embedding: [n, 2]; labels: [n]
    public static double LeaveOneOut(ReadOnlySpan<float> embedding, ReadOnlySpan<int> labels, int n, int k = DefaultNeighbors, int threads = 1)
    {
        if (n < 2)
        {
            return double.NaN;
        }

        k = Math.Min(k, n - 1);
        // Points sorted by x: a point's neighbours lie in a window that a sweep outwards can stop
        // growing once |dx|^2 exceeds the k-th best squared distance found so far.
        var order = new int[n];
        var xs = new float[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            xs[i] = embedding[2 * i];
        }

        Array.Sort(xs, order);
        var ys = new float[n];
        for (var s = 0; s < n; s++)
        {
            ys[s] = embedding[2 * order[s] + 1];
        }

        var labelArray = labels[..n].ToArray();
        var maxLabel = 0;
        foreach (var label in labelArray)
        {
            if (label < 0)
            {
                throw new ArgumentException($"Labels must be non-negative, got {label}.", nameof(labels));
            }

            maxLabel = Math.Max(maxLabel, label);
        }

        var correct = new int[n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, n, options, () => (new float[k], new int[k], new int[maxLabel + 1]), (s, _, scratch) =>
        {
            var (bestD, bestI, votes) = scratch;
            var found = 0;
            var px = xs[s];
            var py = ys[s];
            // Two cursors, left and right; always extend the side whose next x is closer.
            int left = s - 1, right = s + 1;
            while (left >= 0 || right < n)
            {
                var dl = left >= 0 ? px - xs[left] : float.PositiveInfinity;
                var dr = right < n ? xs[right] - px : float.PositiveInfinity;
                var t = dl <= dr ? left-- : right++;
                var dx = xs[t] - px;
                if (found == k && dx * dx > bestD[k - 1])
                {
                    break;
                }

                var dy = ys[t] - py;
                var d2 = dx * dx + dy * dy;
                if (found < k)
                {
                    Insert(bestD, bestI, found++, d2, order[t]);
                }
                else if (d2 < bestD[k - 1] || (d2 == bestD[k - 1] && order[t] < bestI[k - 1]))
                {
                    Insert(bestD, bestI, k - 1, d2, order[t]);
                }
            }

            Array.Clear(votes);
            for (var r = 0; r < found; r++)
            {
                votes[labelArray[bestI[r]]]++;
            }

            var winner = 0;
            for (var label = 1; label < votes.Length; label++)
            {
                if (votes[label] > votes[winner])
                {
                    winner = label;
                }
            }

            correct[s] = winner == labelArray[order[s]] ? 1 : 0;
            return scratch;
        }, _ => { });
        var sum = 0;
        foreach (var c in correct)
        {
            sum += c;
        }

        return (double)sum / n;
    }

    /// <summary>Insertion into a sorted list of length <paramref name="position"/> + 1 (the last slot is overwritten).</summary>
    private static void Insert(float[] dist, int[] index, int position, float d, int i)
    {
        var pos = position;
        while (pos > 0 && (dist[pos - 1] > d || (dist[pos - 1] == d && index[pos - 1] > i)))
        {
            dist[pos] = dist[pos - 1];
            index[pos] = index[pos - 1];
            pos--;
        }

        dist[pos] = d;
        index[pos] = i;
    }
}
