using FsCheck;
using FsCheck.Fluent;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Gemm;

/// <summary>One random SGEMM problem: shape, transposes, scalars, padded leading dimensions and data.</summary>
public sealed record SgemmCase(
    bool TransA, bool TransB, int M, int N, int K, float Alpha, float Beta, int PadA, int PadB, int PadC, int Seed)
{
    // Sizes at and around every kernel's Mr / Nr and the Mc / Kc block edges, plus 1.
    private static readonly int[] EdgeSizes =
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 191, 192, 193, 255, 256, 257, 300];

    public int Lda => (TransA ? M : K) + PadA;

    public int Ldb => (TransB ? K : N) + PadB;

    public int Ldc => N + PadC;

    public static Arbitrary<SgemmCase> Arbitrary { get; } = Generator().ToArbitrary();

    private static Gen<SgemmCase> Generator()
    {
        // Half the sizes uniform in 1..300, half on an edge; small sizes common so the oracle stays cheap.
        var size = Gen.OneOf(Gen.Choose(1, 300), Gen.Elements(EdgeSizes), Gen.Choose(1, 40));
        var scalar = Gen.OneOf(Gen.Constant(0f), Gen.Constant(1f), Gen.Choose(-2000, 2000).Select(x => x / 1000f));
        var pad = Gen.OneOf(Gen.Constant(0), Gen.Choose(1, 17));
        return from transA in Gen.Elements(false, true)
               from transB in Gen.Elements(false, true)
               from m in size
               from n in size
               from k in size
               from alpha in Gen.OneOf(Gen.Constant(1f), scalar)
               from beta in scalar
               from padA in pad
               from padB in pad
               from padC in pad
               from seed in Gen.Choose(0, int.MaxValue)
               select new SgemmCase(transA, transB, m, n, k, alpha, beta, padA, padB, padC, seed);
    }

    public float[] NewA() => Fill(((TransA ? K : M) - 1) * Lda + (TransA ? M : K), Seed);

    public float[] NewB() => Fill(((TransB ? N : K) - 1) * Ldb + (TransB ? K : N), Seed + 1);

    /// <summary>C before the call; NaN everywhere when beta is 0, which must then never be read.</summary>
    public float[] NewC()
    {
        var c = Fill(((M - 1) * Ldc) + N, Seed + 2);
        if (Beta == 0f)
        {
            Array.Fill(c, float.NaN);
        }

        return c;
    }

    public float[] Run(Isa isa, int threads)
    {
        var c = NewC();
        Sgemm.Multiply(isa, TransA, TransB, M, N, K, Alpha, NewA(), Lda, NewB(), Ldb, Beta, c, Ldc, threads);
        return c;
    }

    public override string ToString() =>
        $"{(TransA ? "A^T" : "A")}*{(TransB ? "B^T" : "B")} m={M} n={N} k={K} alpha={Alpha} beta={Beta} pads={PadA},{PadB},{PadC} seed={Seed}";

    private static float[] Fill(int length, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }
}
