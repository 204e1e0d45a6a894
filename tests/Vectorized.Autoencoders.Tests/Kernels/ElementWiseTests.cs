using FsCheck.Xunit;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// Every element-wise kernel on every path this CPU runs, at every length 0..256 (all the
/// vector-plus-overlapping-tail shapes of every width) and at random longer lengths, out of
/// place and in place, against a double-precision oracle. Paths are passed explicitly, so
/// nothing here touches the global <see cref="IsaSelector"/>.
/// </summary>
public class ElementWiseTests
{
    public static TheoryData<string, Isa> CasesAndPaths()
    {
        var data = new TheoryData<string, Isa>();
        foreach (var kernel in KernelCase.All)
        {
            foreach (var isa in KernelCase.SupportedIsas())
            {
                data.Add(kernel.Name, isa);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndPaths))]
    public void EveryLengthUpTo256MatchesTheOracle(string name, Isa isa)
    {
        var index = Array.FindIndex(KernelCase.All, k => k.Name == name);
        var rng = new Random(1000 + index);
        for (var n = 0; n <= 256; n++)
        {
            Check(KernelCase.All[index], isa, n, rng);
        }
    }

    [Property(MaxTest = 25)]
    public void RandomLengthsMatchTheOracle(int seed)
    {
        var rng = new Random(seed);
        foreach (var kernel in KernelCase.All)
        {
            foreach (var isa in KernelCase.SupportedIsas())
            {
                Check(kernel, isa, rng.Next(257, 2500), rng);
            }
        }
    }

    private static void Check(KernelCase kernel, Isa isa, int n, Random rng)
    {
        var inputs = kernel.Inputs.Select(draw => Enumerable.Range(0, n).Select(_ => draw(rng)).ToArray()).ToArray();
        var expected = new double[n];
        var scale = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = inputs.Select(input => (double)input[i]).ToArray();
            expected[i] = kernel.Oracle(v);
            scale[i] = kernel.ErrorScale?.Invoke(v, expected[i]) ?? Math.Abs(expected[i]);
        }

        // Out of place: the inputs must come back untouched.
        var copies = inputs.Select(input => (float[])input.Clone()).ToArray();
        var destination = Enumerable.Repeat(float.NaN, n).ToArray();
        kernel.Invoke(copies, destination, isa);
        Compare(kernel, isa, n, destination, expected, scale, "out of place");
        for (var k = 0; k < inputs.Length; k++)
        {
            Assert.Equal(inputs[k], copies[k]);
        }

        foreach (var k in kernel.InPlaceInputs)
        {
            var aliased = inputs.Select(input => (float[])input.Clone()).ToArray();
            kernel.Invoke(aliased, aliased[k], isa);
            Compare(kernel, isa, n, aliased[k], expected, scale, $"in place on input {k}");
        }
    }

    private static void Compare(KernelCase kernel, Isa isa, int n, float[] actual, double[] expected, double[] scale, string mode)
    {
        for (var i = 0; i < n; i++)
        {
            OracleAssert.Close(actual[i], expected[i], kernel.RelativeTolerance, scale[i], () => $"{kernel.Name} on {isa}, length {n}, {mode}, element {i}");
        }
    }
}
