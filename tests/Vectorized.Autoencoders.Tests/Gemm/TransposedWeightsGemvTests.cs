using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Gemm;

/// <summary>
/// The few-rows product from transposed weights gives the bits of the SGEMM a dense layer's forward
/// pass calls (x W^T with alpha = beta = 1 onto y), on every vector path: whatever n (several column
/// panels, a last panel shorter than eight vectors, than one vector), k (several Kc blocks) and the
/// starting y.
/// </summary>
public class TransposedWeightsGemvTests
{
    private static Gen<(int Rows, int N, int K, int Seed)> Shapes() =>
        from rows in Gen.Choose(1, TransposedWeightsGemv.MaxRows + 2)
        from n in Gen.OneOf(Gen.Choose(1, 80), Gen.Elements(20, 32, 40, 64, 127, 128, 129, 256, 300, 400, 784))
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
        TransposedWeightsGemv.Pack(w, n, k, wT);
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
    public void PackWritesColumnPanelsOfTheTranspose()
    {
        // W [n, k] with w[j, p] = 1000 j + p; a full panel of PanelWidth outputs, then the rest.
        const int K = 3;
        var n = TransposedWeightsGemv.PanelWidth + 2;
        var w = new float[n * K];
        for (var j = 0; j < n; j++)
        {
            for (var p = 0; p < K; p++)
            {
                w[(j * K) + p] = (1000 * j) + p;
            }
        }

        var packed = new float[n * K];
        TransposedWeightsGemv.Pack(w, n, K, packed);
        var full = TransposedWeightsGemv.PanelWidth;
        Assert.Equal(1000 * 5 + 2, packed[(2 * full) + 5]);                         // first panel, row p 2, output 5
        Assert.Equal(1000 * full, packed[full * K]);                                  // last panel [3, 2] starts after it
        Assert.Equal([1000f * full, 1000 * (full + 1), (1000 * full) + 1, (1000 * (full + 1)) + 1, (1000 * full) + 2, (1000 * (full + 1)) + 2], packed[(full * K)..]);
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
