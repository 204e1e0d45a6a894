using FsCheck.Xunit;
using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// Every reduction on every path, at every length 0..256 and random longer lengths, against a
/// double-precision oracle. A float sum's error grows with the magnitudes added, so the tolerance
/// is relative to the sum of |terms|; max is exact.
/// </summary>
public class ReductionTests
{
    private sealed record ReductionCase(string Name, int Arity, Func<float[][], Isa, float> Invoke, Func<double, double, double> Term, bool IsMax = false);

    private static readonly ReductionCase[] Cases =
    [
        new("Sum", 1, (i, isa) => Reductions.Sum(i[0], isa), (x, _) => x),
        new("SumOfSquares", 1, (i, isa) => Reductions.SumOfSquares(i[0], isa), (x, _) => x * x),
        new("SumOfMagnitudes", 1, (i, isa) => Reductions.SumOfMagnitudes(i[0], isa), (x, _) => Math.Abs(x)),
        new("Dot", 2, (i, isa) => Reductions.Dot(i[0], i[1], isa), (x, y) => x * y),
        new("Max", 1, (i, isa) => Reductions.Max(i[0], isa), (x, _) => x, IsMax: true),
    ];

    public static TheoryData<string, Isa> CasesAndPaths()
    {
        var data = new TheoryData<string, Isa>();
        foreach (var reduction in Cases)
        {
            foreach (var isa in KernelCase.SupportedIsas())
            {
                data.Add(reduction.Name, isa);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndPaths))]
    public void EveryLengthUpTo256MatchesTheOracle(string name, Isa isa)
    {
        var index = Array.FindIndex(Cases, c => c.Name == name);
        var rng = new Random(2000 + index);
        for (var n = Cases[index].IsMax ? 1 : 0; n <= 256; n++)
        {
            Check(Cases[index], isa, n, rng);
        }
    }

    [Property(MaxTest = 25)]
    public void RandomLengthsMatchTheOracle(int seed)
    {
        var rng = new Random(seed);
        foreach (var reduction in Cases)
        {
            foreach (var isa in KernelCase.SupportedIsas())
            {
                Check(reduction, isa, rng.Next(257, 4000), rng);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ResultDoesNotDependOnBufferOffset(Isa isa)
    {
        // The same 1000 values placed at 16 different offsets (so at every alignment within a
        // 64-byte line) must give the same bits: the loops never realign.
        var rng = new Random(7);
        var values = Enumerable.Range(0, 1000).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray();
        var buffer = new float[values.Length + 16];
        var reference = Reductions.Sum(values, isa);
        var referenceDot = Reductions.Dot(values, values, isa);
        for (var offset = 0; offset < 16; offset++)
        {
            values.CopyTo(buffer, offset);
            var shifted = buffer.AsSpan(offset, values.Length);
            Assert.Equal(BitConverter.SingleToInt32Bits(reference), BitConverter.SingleToInt32Bits(Reductions.Sum(shifted, isa)));
            Assert.Equal(BitConverter.SingleToInt32Bits(referenceDot), BitConverter.SingleToInt32Bits(Reductions.Dot(shifted, shifted, isa)));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void MaxPropagatesNaNFromAnyPosition(Isa isa)
    {
        foreach (var n in new[] { 1, 3, 4, 7, 8, 15, 16, 17, 31, 33, 100 })
        {
            for (var at = 0; at < n; at++)
            {
                var x = Enumerable.Range(0, n).Select(i => (float)i).ToArray();
                x[at] = float.NaN;
                Assert.True(float.IsNaN(Reductions.Max(x, isa)), $"length {n}, NaN at {at}");
            }
        }
    }

    [Fact]
    public void MaxOfEmptyThrows() => Assert.Throws<ArgumentException>(() => Reductions.Max([]));

    [Fact]
    public void DotOfMismatchedLengthsThrows() => Assert.Throws<ArgumentException>(() => Reductions.Dot(new float[3], new float[4]));

    public static TheoryData<Isa> Paths() => new(KernelCase.SupportedIsas());

    private static void Check(ReductionCase reduction, Isa isa, int n, Random rng)
    {
        var inputs = Enumerable.Range(0, reduction.Arity).Select(_ => Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 20) - 10)).ToArray()).ToArray();
        var actual = reduction.Invoke(inputs, isa);
        double expected = reduction.IsMax ? double.NegativeInfinity : 0;
        var magnitude = 0.0;
        for (var i = 0; i < n; i++)
        {
            var term = reduction.Term(inputs[0][i], reduction.Arity > 1 ? inputs[1][i] : 0);
            expected = reduction.IsMax ? Math.Max(expected, term) : expected + term;
            magnitude += Math.Abs(term);
        }

        if (reduction.IsMax)
        {
            Assert.Equal((float)expected, actual);
            return;
        }

        OracleAssert.Close(actual, expected, 1e-5, magnitude, () => $"{reduction.Name} on {isa}, length {n}");
    }
}
