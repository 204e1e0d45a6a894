using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Gemm;

/// <summary>
/// The few-rows product from transposed weights gives the bits of the SGEMM a dense layer's forward
/// pass calls (x W^T with alpha = beta = 1 onto y), on every vector path: whatever n (tails shorter
/// than four vectors, than one vector), k (several Kc blocks) and the starting y.
/// </summary>
public class TransposedWeightsGemvTests
{
    private static Gen<(int Rows, int N, int K, int Seed)> Shapes() =>
        from rows in Gen.Choose(1, TransposedWeightsGemv.MaxRows + 2)
        from n in Gen.OneOf(Gen.Choose(1, 80), Gen.Elements(20, 32, 40, 64, 128, 400, 784))
        from k in Gen.OneOf(Gen.Choose(1, 80), Gen.Elements(20, 255, 256, 257, 384, 385, 400, 784, 1000))
        from seed in Gen.Choose(0, int.MaxValue)
        select (rows, n, k, seed);

    [Property(MaxTest = 60)]
    public Property HasTheSgemmsBitsOnEveryVectorPath() => Prop.ForAll(Shapes().ToArbitrary(), shape =>
    {
        var (rows, n, k, seed) = shape;
        var random = new Random(seed);
        var x = Fill(random, rows * k);
        var w = Fill(random, n * k);
        var bias = Fill(random, rows * n);
        var wT = new float[k * n];
        TransposedWeightsGemv.Transpose(w, n, k, wT);
        foreach (var isa in SgemmTests.Paths.Where(TransposedWeightsGemv.Supports))
        {
            var expected = (float[])bias.Clone();
            Sgemm.Multiply(isa, false, true, rows, n, k, 1f, x, k, w, k, 1f, expected, n, 1);
            var actual = (float[])bias.Clone();
            TransposedWeightsGemv.MultiplyAdd(x, rows, k, wT, n, actual, isa);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{isa}: rows {rows}, n {n}, k {k}, seed {seed}");
        }
    });

    [Fact]
    public void TransposeMovesEachWeight()
    {
        float[] w = [1, 2, 3, 4, 5, 6]; // [n 2, k 3]
        var wT = new float[6];
        TransposedWeightsGemv.Transpose(w, 2, 3, wT);
        Assert.Equal([1, 4, 2, 5, 3, 6], wT);
    }

    [Fact]
    public void ShortSpansAndTheScalarPathAreRefused()
    {
        Assert.Throws<ArgumentException>(() => TransposedWeightsGemv.MultiplyAdd(new float[3], 1, 4, new float[8], 2, new float[2], IsaSelector.Hardware));
        Assert.Throws<NotSupportedException>(() => TransposedWeightsGemv.MultiplyAdd(new float[4], 1, 4, new float[8], 2, new float[2], Isa.Scalar));
    }

    private static float[] Fill(Random random, int length)
    {
        var data = new float[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }
}
