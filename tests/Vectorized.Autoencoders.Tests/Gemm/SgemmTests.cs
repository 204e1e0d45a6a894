using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Gemm;

public class SgemmTests
{
    // Every path this CPU can run, narrowest first; each is passed explicitly, so no global state changes.
    public static readonly Isa[] Paths = [.. Enum.GetValues<Isa>().Where(isa => isa <= IsaSelector.Hardware)];

    [Property(MaxTest = 60)]
    public Property EveryPathMatchesTheDoublePrecisionProduct() => Prop.ForAll(SgemmCase.Arbitrary, t =>
    {
        foreach (var isa in Paths)
        {
            SgemmOracle.AssertMatches(t, t.Run(isa, threads: 1));
        }
    });

    [Property(MaxTest = 40)]
    public Property ResultIsBitwiseIdenticalForAnyThreadCount() => Prop.ForAll(SgemmCase.Arbitrary, t =>
    {
        foreach (var isa in Paths)
        {
            var one = t.Run(isa, threads: 1);
            foreach (var threads in new[] { 2, 3 })
            {
                var many = t.Run(isa, threads);
                Assert.True(one.AsSpan().SequenceEqual(many), $"{t} on {isa}: threads={threads} differs from threads=1");
            }
        }
    });

    [Theory]
    [MemberData(nameof(PathData))]
    public void ColumnsPastOneNcBlockAndThreadedAreCorrect(Isa isa)
    {
        // n beyond the 4096-column Nc block; m large enough that B is packed, and threaded.
        var t = new SgemmCase(false, true, M: 70, N: 4200, K: 3, Alpha: 1.5f, Beta: 0.5f, PadA: 1, PadB: 0, PadC: 3, Seed: 7);
        SgemmOracle.AssertMatches(t, t.Run(isa, threads: 2));
        var streamed = t with { TransB = false, M = 5 };
        SgemmOracle.AssertMatches(streamed, streamed.Run(isa, threads: 2));
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void PackedBWithManyRowsIsCorrect(Isa isa)
    {
        // Past SgemmPaths.StreamBMaxRows a plain B is packed too; cross the Mc block edge as well.
        var t = new SgemmCase(false, false, M: SgemmPaths.StreamBMaxRows + 45, N: 75, K: 270, Alpha: -1f, Beta: 2f, PadA: 2, PadB: 1, PadC: 0, Seed: 11);
        SgemmOracle.AssertMatches(t, t.Run(isa, threads: 3));
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void StreamedPathWithParallelPackingIsCorrectAndThreadIndependent(Isa isa)
    {
        // m x k at or past the size where the workers pack op(A) in parallel or each packs its own
        // rows (256 x 784 here, the batch-256 layer), for plain and transposed A and B, with an odd
        // row count and a partial last column panel; 40 rows have too few row panels to cut.
        foreach (var (transA, transB, m, n) in new[] { (false, false, SgemmPaths.StreamBMaxRows, 128), (true, false, 250, 128), (false, true, 250, 100), (false, false, 97, 45), (true, true, 40, 128) })
        {
            var t = new SgemmCase(transA, transB, M: m, N: n, K: 784, Alpha: 1f, Beta: 0.25f, PadA: 3, PadB: 1, PadC: 2, Seed: 23);
            var one = t.Run(isa, threads: 1);
            SgemmOracle.AssertMatches(t, one);
            foreach (var threads in new[] { 2, 3 })
            {
                Assert.True(one.AsSpan().SequenceEqual(t.Run(isa, threads)), $"{t} on {isa}: threads={threads} differs from threads=1");
            }
        }
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void SeveralKcBlocksAccumulateOntoBetaC(Isa isa)
    {
        // k past every kernel's Kc (384 on AVX-512), so later passes add onto the first pass's beta * C;
        // streamed B (small m) and packed B (transposed, and many rows) alike, one and two threads.
        SgemmCase[] cases =
        [
            new(false, false, M: 20, N: 50, K: 900, Alpha: 0.5f, Beta: -1.5f, PadA: 1, PadB: 2, PadC: 3, Seed: 21),
            new(true, true, M: 29, N: 45, K: 1000, Alpha: 1f, Beta: 0.25f, PadA: 0, PadB: 3, PadC: 1, Seed: 22),
            new(false, false, M: 270, N: 33, K: 800, Alpha: 2f, Beta: 1f, PadA: 0, PadB: 0, PadC: 0, Seed: 23),
        ];
        foreach (var t in cases)
        {
            var one = t.Run(isa, threads: 1);
            SgemmOracle.AssertMatches(t, one);
            Assert.True(one.AsSpan().SequenceEqual(t.Run(isa, threads: 2)), $"{t} on {isa}: threads=2 differs");
        }
    }

    [Fact]
    public void KcBlocksAreEqualAndDependOnKAlone()
    {
        Assert.Equal(392, SgemmPaths.KcStep(784, 512));
        Assert.Equal(384, SgemmPaths.KcStep(768, 384));
        Assert.Equal(262, SgemmPaths.KcStep(785, 384));
        Assert.Equal(1, SgemmPaths.KcStep(1, 384));
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void AutoencoderShapesAreCorrectOnEveryPath(Isa isa)
    {
        // The article's batch-32 layers and their backprop transposes (m x k x n).
        (bool, bool, int, int, int)[] shapes =
        [
            (false, true, 32, 128, 784),  // forward x W^T, W [128, 784]
            (false, false, 32, 784, 128), // dX = dY W
            (true, false, 128, 784, 32),  // dW = dY^T X, k = batch
        ];
        foreach (var (ta, tb, m, n, k) in shapes)
        {
            var t = new SgemmCase(ta, tb, m, n, k, 1f, 0f, 0, 0, 0, Seed: m + n + k);
            SgemmOracle.AssertMatches(t, t.Run(isa, threads: 2));
        }
    }

    [Theory]
    [MemberData(nameof(PathData))]
    public void OneThreadCallAllocatesNothingOnceWarm(Isa isa)
    {
        // Both paths: B streamed (m small) and packed (transposed), with edge tiles.
        foreach (var transB in new[] { false, true })
        {
            var t = new SgemmCase(false, transB, M: 37, N: 70, K: 300, Alpha: 1f, Beta: 1f, PadA: 0, PadB: 0, PadC: 0, Seed: 3);
            var a = t.NewA();
            var b = t.NewB();
            var c = t.NewC();
            Sgemm.Multiply(isa, t.TransA, t.TransB, t.M, t.N, t.K, 1f, a, t.Lda, b, t.Ldb, 1f, c, t.Ldc, threads: 1);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Sgemm.Multiply(isa, t.TransA, t.TransB, t.M, t.N, t.K, 1f, a, t.Lda, b, t.Ldb, 1f, c, t.Ldc, threads: 1);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void ZeroDepthScalesCAndZeroBetaClearsIt()
    {
        var c = new float[] { 1, 2, float.NaN, 4 };
        Sgemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0.5f, c, 2);
        Assert.Equal(new float[] { 0.5f, 1, float.NaN, 2 }, c);
        Sgemm.Multiply(false, false, 2, 2, 0, 1f, [], 1, [], 2, 0f, c, 2);
        Assert.Equal(new float[] { 0, 0, 0, 0 }, c);
    }

    [Fact]
    public void ZeroAlphaDoesNotReadAOrB()
    {
        float[] a = [float.NaN, float.NaN];
        float[] b = [float.NaN, float.NaN];
        var c = new float[] { 3 };
        Sgemm.Multiply(false, false, 1, 1, 2, 0f, a, 2, b, 1, 2f, c, 1);
        Assert.Equal(6f, c[0]);
    }

    [Fact]
    public void ShortSpansAndBadLeadingDimensionsAreRejected()
    {
        var a = new float[6];
        var b = new float[6];
        var c = new float[4];
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 2, 2, 3, 1f, a.AsSpan(0, 5), 3, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentException>(() => Sgemm.Multiply(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c.AsSpan(0, 3), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, 2, 2, 3, 1f, a, 2, b, 2, 0f, c, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgemm.Multiply(false, false, 2, 2, 3, 1f, a, 3, b, 2, 0f, c, 2, threads: 0));
    }

    [Fact]
    public void KernelNamesCarryShapeAndIsa()
    {
        Assert.Equal("12x32-avx512", Sgemm.KernelName(Isa.Avx512));
        Assert.Equal("6x16-avx2", Sgemm.KernelName(Isa.Avx2));
        Assert.Equal("4x4-scalar", Sgemm.KernelName(Isa.Scalar));
    }

    public static TheoryData<Isa> PathData()
    {
        var data = new TheoryData<Isa>();
        foreach (var isa in Paths)
        {
            data.Add(isa);
        }

        return data;
    }
}
