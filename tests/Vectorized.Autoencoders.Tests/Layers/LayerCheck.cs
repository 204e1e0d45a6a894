using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// What the layer tests share: random tensors, central differences of a double-precision function,
/// and closeness under a relative tolerance. A layer's output y is checked through the scalar
/// L = sum(g * y) for a random g: the backward pass given dy = g must return dL/d(every input).
/// </summary>
internal static class LayerCheck
{
    public static float[] Random(ref Xoshiro256 rng, int length, double low = -1, double high = 1)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)(low + ((high - low) * rng.NextDouble()));
        }

        return values;
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    /// <summary>(f(v + h e_i) - f(v - h e_i)) / 2h, evaluated in double, v restored afterwards.</summary>
    public static double CentralDifference(Func<double> f, double[] v, int i, double h = 1e-3)
    {
        var saved = v[i];
        v[i] = saved + h;
        var plus = f();
        v[i] = saved - h;
        var minus = f();
        v[i] = saved;
        return (plus - minus) / (2 * h);
    }

    public static double Dot(double[] g, double[] y)
    {
        double sum = 0;
        for (var i = 0; i < y.Length; i++)
        {
            sum += g[i] * y[i];
        }

        return sum;
    }

    /// <summary>|actual - expected| &lt;= relative * max(|actual|, |expected|, 1) per element.</summary>
    public static void Close(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            Close(actual[i], expected[i], relative, $"{what}[{i}]");
        }
    }

    public static void Close(double actual, double expected, double relative, string what)
    {
        var scale = Math.Max(1, Math.Max(Math.Abs(actual), Math.Abs(expected)));
        Assert.True(Math.Abs(actual - expected) <= relative * scale, $"{what}: got {actual:R}, expected {expected:R}");
    }

    /// <summary>The analytic gradient at up to <paramref name="samples"/> coordinates (all when fewer) against central differences.</summary>
    public static void Gradient(ReadOnlySpan<float> analytic, double[] at, Func<double> loss, ref Xoshiro256 rng, int samples, string what)
    {
        var all = at.Length <= samples;
        for (var s = 0; s < Math.Min(samples, at.Length); s++)
        {
            var i = all ? s : rng.NextInt(at.Length);
            var numeric = CentralDifference(loss, at, i);
            Close(analytic[i], numeric, 1e-4, $"{what}[{i}] analytic vs central difference");
        }
    }
}
