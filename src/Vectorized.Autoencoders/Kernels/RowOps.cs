using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// Row-broadcast kernels of a dense layer over a row-major matrix [rows, columns]: adding the bias
/// to every row (forward) and summing the rows into the bias gradient (backward). Each row goes
/// through the element-wise drivers, so rows are vectorised along the columns.
/// </summary>
internal static class RowOps
{
    /// <summary>matrix[r, j] += bias[j] for every row r.</summary>
    // bias: [columns]; matrix: [rows, columns]
    public static void AddBias(ReadOnlySpan<float> bias, int rows, Span<float> matrix) => AddBias(bias, rows, matrix, IsaSelector.Current);

    /// <summary>sums[j] = sum over r of matrix[r, j], rows added in order 0, 1, 2, ... for every path.</summary>
    // matrix: [rows, columns]; sums: [columns]
    public static void SumColumns(ReadOnlySpan<float> matrix, int rows, Span<float> sums) => SumColumns(matrix, rows, sums, IsaSelector.Current);

    /// <summary>sums[j] += sum over r of matrix[r, j] (a backward pass accumulates into its gradients).</summary>
    // matrix: [rows, columns]; sums: [columns]
    public static void AccumulateColumnSums(ReadOnlySpan<float> matrix, int rows, Span<float> sums) => AccumulateColumnSums(matrix, rows, sums, IsaSelector.Current);

    internal static void AddBias(ReadOnlySpan<float> bias, int rows, Span<float> matrix, Isa isa)
    {
        var columns = bias.Length;
        CheckShape(matrix.Length, rows, columns, nameof(matrix));
        for (var r = 0; r < rows; r++)
        {
            var row = matrix.Slice(r * columns, columns);
            ElementWise.Add(row, bias, row, isa);
        }
    }

    internal static void SumColumns(ReadOnlySpan<float> matrix, int rows, Span<float> sums, Isa isa)
    {
        CheckShape(matrix.Length, rows, sums.Length, nameof(matrix));
        sums.Clear();
        AccumulateColumnSums(matrix, rows, sums, isa);
    }

    internal static void AccumulateColumnSums(ReadOnlySpan<float> matrix, int rows, Span<float> sums, Isa isa)
    {
        var columns = sums.Length;
        CheckShape(matrix.Length, rows, columns, nameof(matrix));
        // Row by row, so each column's additions happen in the same order on every path and for
        // any split of the columns: the sum is reproducible bit for bit.
        for (var r = 0; r < rows; r++)
        {
            ElementWise.Add(sums, matrix.Slice(r * columns, columns), sums, isa);
        }
    }

    private static void CheckShape(int length, int rows, int columns, string name)
    {
        if (rows < 0 || (long)rows * columns != length)
        {
            throw new ArgumentException($"Matrix '{name}' has {length} elements; expected {rows} rows x {columns} columns.", name);
        }
    }
}
