namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// The symmetric joint probabilities P of t-SNE in compressed sparse rows:
/// p_ij = (p_j|i + p_i|j) / (2N) on the union of the neighbour graphs, summing to 1.
/// </summary>
internal sealed class SparseAffinities
{
    private SparseAffinities(int points, int[] rowStart, int[] columns, float[] values)
    {
        Points = points;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Points { get; }

    /// <summary>Row i's entries are [RowStart[i], RowStart[i + 1]): [points + 1].</summary>
    public int[] RowStart { get; }

    /// <summary>Column of each entry, ascending within a row: [nnz].</summary>
    public int[] Columns { get; }

    /// <summary>p_ij of each entry: [nnz].</summary>
    public float[] Values { get; }

    public int NonZeros => Columns.Length;

    /// <summary>Symmetrises conditional probabilities over a k-nearest-neighbour graph.</summary>
    // neighbors: [n, k]; conditional: [n, k] (each row sums to 1)
    public static SparseAffinities Symmetrize(ReadOnlySpan<int> neighbors, ReadOnlySpan<double> conditional, int n, int k)
    {
        // Each directed edge i -> j lands in row i and row j; duplicates (mutual neighbours) merge below.
        var counts = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            counts[i] += k;
            for (var t = 0; t < k; t++)
            {
                counts[neighbors[i * k + t]]++;
            }
        }

        var start = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            start[i + 1] = start[i] + counts[i];
        }

        var fill = start.AsSpan(0, n).ToArray();
        var cols = new int[start[n]];
        var vals = new double[start[n]];
        for (var i = 0; i < n; i++)
        {
            for (var t = 0; t < k; t++)
            {
                var j = neighbors[i * k + t];
                var p = conditional[i * k + t];
                cols[fill[i]] = j;
                vals[fill[i]++] = p;
                cols[fill[j]] = i;
                vals[fill[j]++] = p;
            }
        }

        // Sort each row by column and merge duplicates; a merged value is the sum of exactly two terms,
        // so its rounding does not depend on their order.
        var outStart = new int[n + 1];
        var total = 0.0;
        var write = 0;
        for (var i = 0; i < n; i++)
        {
            var rowCols = cols.AsSpan(start[i], start[i + 1] - start[i]);
            var rowVals = vals.AsSpan(start[i], start[i + 1] - start[i]);
            rowCols.Sort(rowVals);
            outStart[i] = write;
            for (var e = 0; e < rowCols.Length; e++)
            {
                if (e > 0 && rowCols[e] == rowCols[e - 1])
                {
                    vals[write - 1] += rowVals[e];
                }
                else
                {
                    cols[write] = rowCols[e];
                    vals[write++] = rowVals[e];
                }
            }

            for (var e = outStart[i]; e < write; e++)
            {
                total += vals[e];
            }
        }

        outStart[n] = write;
        var values = new float[write];
        for (var e = 0; e < write; e++)
        {
            values[e] = (float)(vals[e] / total);
        }

        return new SparseAffinities(n, outStart, cols.AsSpan(0, write).ToArray(), values);
    }
}
