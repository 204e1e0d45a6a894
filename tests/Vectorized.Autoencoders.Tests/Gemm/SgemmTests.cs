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
