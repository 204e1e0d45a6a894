using FsCheck.Xunit;
using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Tests.Kernels;

public class RowOpsTests
{
    private static float[] Random(Random rng, int n) => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 4) - 2)).ToArray();

    [Property(MaxTest = 30)]
    public void AddBiasAddsTheBiasToEveryRow(int seed)
    {
        var rng = new Random(seed);
        var (rows, columns) = (rng.Next(0, 40), rng.Next(1, 300));
        var bias = Random(rng, columns);
        var matrix = Random(rng, rows * columns);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var actual = (float[])matrix.Clone();
            RowOps.AddBias(bias, rows, actual, isa);
            for (var i = 0; i < actual.Length; i++)
            {
                // One float addition per element: exact agreement with the scalar formula.
                Assert.Equal(matrix[i] + bias[i % columns], actual[i]);
            }
        }
    }

    [Property(MaxTest = 30)]
    public void ColumnSumsAddRowsInOrderOnEveryPath(int seed)
    {
        var rng = new Random(seed);
        var (rows, columns) = (rng.Next(0, 70), rng.Next(1, 300));
        var matrix = Random(rng, rows * columns);
        var start = Random(rng, columns);

        // The fixed order (row 0, row 1, ...) is the plain sequential float sum, bit for bit.
        var expected = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var j = 0; j < columns; j++)
            {
                expected[j] += matrix[(r * columns) + j];
            }
        }

        foreach (var isa in KernelCase.SupportedIsas())
        {
            var sums = Enumerable.Repeat(float.NaN, columns).ToArray();
            RowOps.SumColumns(matrix, rows, sums, isa);
            Assert.Equal(expected, sums);

            var accumulated = (float[])start.Clone();
            RowOps.AccumulateColumnSums(matrix, rows, accumulated, isa);
            for (var j = 0; j < columns; j++)
            {
                var reference = start[j];
                for (var r = 0; r < rows; r++)
                {
                    reference += matrix[(r * columns) + j];
                }

                Assert.Equal(reference, accumulated[j]);
            }
        }
    }

    [Fact]
    public void ShapeMismatchThrows()
    {
        Assert.Throws<ArgumentException>(() => RowOps.AddBias(new float[3], 2, new float[7]));
        Assert.Throws<ArgumentException>(() => RowOps.SumColumns(new float[7], 2, new float[3]));
        Assert.Throws<ArgumentException>(() => RowOps.AccumulateColumnSums(new float[6], -2, new float[3]));
    }

    [Fact]
    public void PublicOverloadsUseTheCurrentPath()
    {
        var matrix = new float[] { 1, 2, 3, 4, 5, 6 };
        RowOps.AddBias([10, 20, 30], 2, matrix);
        Assert.Equal(new float[] { 11, 22, 33, 14, 25, 36 }, matrix);
        var sums = new float[3];
        RowOps.SumColumns(matrix, 2, sums);
        Assert.Equal(new float[] { 25, 47, 69 }, sums);
    }
}
