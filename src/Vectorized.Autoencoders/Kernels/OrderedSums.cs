namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// The losses' sums: each float term widened to double and added in index order. They stay
/// serial on purpose: a vector sum reassociates, and the loss values are stored in checkpoints'
/// training history, so their bits must not depend on the SIMD path; a double sum of one batch
/// loses nothing worth the speed.
/// </summary>
internal static class OrderedSums
{
    /// <summary>start + x[0]^2 + x[1]^2 + ..., each square rounded to float first (a running sum continues from <paramref name="start"/>).</summary>
    // x: [n]
    public static double SumOfSquares(ReadOnlySpan<float> x, double start = 0.0)
    {
        var sum = start;
        foreach (var v in x)
        {
            sum += v * v;
        }

        return sum;
    }

    /// <summary>sum |x[i]|.</summary>
    // x: [n]
    public static double SumOfMagnitudes(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += MathF.Abs(v);
        }

        return sum;
    }

    /// <summary>sum (x[i] - y[i])^2, each difference and square rounded to float first.</summary>
    // x, y: [n]
    public static double SquaredDistance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Spans differ in length: {x.Length} and {y.Length}.", nameof(y));
        }

        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - y[i];
            sum += d * d;
        }

        return sum;
    }
}
