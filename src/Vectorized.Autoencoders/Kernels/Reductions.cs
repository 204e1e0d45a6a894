using Vectorized.Autoencoders.Kernels.Drivers;
using Vectorized.Autoencoders.Kernels.Operators;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// Reductions over spans. The order of operations depends only on the length and the SIMD path,
/// never on the buffer's alignment, so a result is reproducible bit for bit. The path is taken from
/// <see cref="IsaSelector.Current"/> once per call; internal overloads take it explicitly.
/// </summary>
internal static class Reductions
{
    // x, y: [n].
    public static float Sum(ReadOnlySpan<float> x) => Sum(x, IsaSelector.Current);

    public static float SumOfSquares(ReadOnlySpan<float> x) => SumOfSquares(x, IsaSelector.Current);

    public static float SumOfMagnitudes(ReadOnlySpan<float> x) => SumOfMagnitudes(x, IsaSelector.Current);

    /// <summary>The largest element; NaN if any element is NaN; throws on an empty span.</summary>
    public static float Max(ReadOnlySpan<float> x) => Max(x, IsaSelector.Current);

    /// <summary>sum x[i] * y[i]; the spans must have one length.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Dot(x, y, IsaSelector.Current);

    internal static float Sum(ReadOnlySpan<float> x, Isa isa) =>
        AggregateDriver.Invoke<IdentityOperator, SumAggregation>(x, isa);

    internal static float SumOfSquares(ReadOnlySpan<float> x, Isa isa) =>
        AggregateDriver.Invoke<SquareOperator, SumAggregation>(x, isa);

    internal static float SumOfMagnitudes(ReadOnlySpan<float> x, Isa isa) =>
        AggregateDriver.Invoke<AbsOperator, SumAggregation>(x, isa);

    internal static float Max(ReadOnlySpan<float> x, Isa isa)
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException("Max of an empty span.", nameof(x));
        }

        return AggregateDriver.Invoke<IdentityOperator, MaxAggregation>(x, isa);
    }

    internal static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Isa isa) =>
        AggregateDriver.Invoke<MultiplyOperator, SumAggregation>(x, y, isa);
}
