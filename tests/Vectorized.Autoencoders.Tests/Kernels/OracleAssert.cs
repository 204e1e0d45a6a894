namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>Compares a float result with a double-precision oracle under a relative tolerance.</summary>
internal static class OracleAssert
{
    // Below the float normal range results may flush to 0 or keep a few subnormal bits; both are fine.
    private const double SubnormalSlack = 1e-37;

    public static void Close(float actual, double expected, double relativeTolerance, double scale, Func<string> context)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(actual.Equals((float)expected), $"{context()}: got {actual:R}, expected {expected:R}");
            return;
        }

        var error = Math.Abs(actual - expected);
        var tolerance = (relativeTolerance * scale) + SubnormalSlack;
        Assert.True(error <= tolerance, $"{context()}: got {actual:R}, expected {expected:R} (error {error:E3} > tolerance {tolerance:E3})");
    }
}
