using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Operators;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// ln(1 + x) on [0, 1], the cross-entropy's softplus term, against the double logarithm on a
/// dense grid, both ends and every vector width: within 3 float ulps of the result (2 steps of the
/// smallest subnormal for subnormal x, where x / (2 + x) rounds).
/// </summary>
public class Log1pOfUnitOperatorTests
{
    private static IEnumerable<float> Grid()
    {
        yield return 0f;
        yield return float.Epsilon;
        yield return 1e-30f;
        yield return 1e-7f;
        yield return 1f;
        yield return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1f) - 1);
        for (var i = 1; i < 200_000; i++)
        {
            yield return i / 200_000f;
        }

        for (var e = -126; e < 0; e++)
        {
            yield return MathF.ScaleB(1.37f, e);
        }
    }

    private static void AssertClose(float x, float actual)
    {
        // Double's 1 + x loses a tiny x: use the series there (its next term is under 1e-16 relative).
        double d = x;
        var exact = d < 1e-4 ? d - (d * d / 2) + (d * d * d / 3) : Math.Log(1 + d);
        // Near 0, ln(1 + x) ~ x: compare against a floor of the smallest normal float's ulp scale.
        var ulp = Math.Max(Math.BitIncrement(exact) - exact, Math.Abs(exact) * Math.Pow(2, -23));
        Assert.True(Math.Abs(actual - exact) <= (3 * ulp) + (2 * (double)float.Epsilon), $"ln(1 + {x:R}) = {exact:R}, got {actual:R}");
    }

    [Fact]
    public void ScalarMatchesTheDoubleLogarithm()
    {
        foreach (var x in Grid())
        {
            AssertClose(x, Log1pOfUnitOperator.Invoke(x));
        }
    }

    [Fact]
    public void EveryVectorWidthMatchesTheDoubleLogarithm()
    {
        var xs = Grid().ToArray();
        var lanes = new float[16];
        for (var i = 0; i + 16 <= xs.Length; i += 16)
        {
            var chunk = xs.AsSpan(i, 16);
            Log1pOfUnitOperator.Invoke(Vector512.Create((ReadOnlySpan<float>)chunk)).CopyTo(lanes);
            Check(chunk, lanes);
            Log1pOfUnitOperator.Invoke(Vector256.Create((ReadOnlySpan<float>)chunk[..8])).CopyTo(lanes);
            Check(chunk[..8], lanes);
            Log1pOfUnitOperator.Invoke(Vector128.Create((ReadOnlySpan<float>)chunk[..4])).CopyTo(lanes);
            Check(chunk[..4], lanes);
        }

        static void Check(Span<float> inputs, float[] outputs)
        {
            for (var j = 0; j < inputs.Length; j++)
            {
                AssertClose(inputs[j], outputs[j]);
            }
        }
    }
}
