using Vectorized.Autoencoders.Kernels.Drivers;
using Vectorized.Autoencoders.Kernels.Operators;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// Element-wise kernels over spans. Argument order: sources, then scalars, then destination.
/// All spans have one length (else <see cref="ArgumentException"/>). The destination may be
/// exactly a source (in place) but may not overlap one at an offset. The SIMD path is taken from
/// <see cref="IsaSelector.Current"/> once per call; the internal overloads take it explicitly so
/// tests and benchmarks can run every path side by side.
/// </summary>
internal static class ElementWise
{
    // x, y, destination: [n] (the same for every kernel below unless stated).
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Add(x, y, destination, IsaSelector.Current);

    public static void Subtract(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Subtract(x, y, destination, IsaSelector.Current);

    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) => Multiply(x, y, destination, IsaSelector.Current);

    /// <summary>destination = x * scale.</summary>
    public static void Scale(ReadOnlySpan<float> x, float scale, Span<float> destination) => Scale(x, scale, destination, IsaSelector.Current);

    /// <summary>destination = x * y + addend (fused: one rounding).</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination) => MultiplyAdd(x, y, addend, destination, IsaSelector.Current);

    /// <summary>destination += alpha * x (BLAS axpy, fused).</summary>
    public static void AddScaled(ReadOnlySpan<float> x, float alpha, Span<float> destination) => AddScaled(x, alpha, destination, IsaSelector.Current);

    /// <summary>destination += alpha * x with the product rounded before the add (not fused): weight decay's gradient.</summary>
    public static void AddScaledRounded(ReadOnlySpan<float> x, float alpha, Span<float> destination) => AddScaledRounded(x, alpha, destination, IsaSelector.Current);

    /// <summary>destination += alpha * sign(x), sign(0) = 0: the L1 penalty's gradient, alpha * |x| summed.</summary>
    public static void AddScaledSign(ReadOnlySpan<float> x, float alpha, Span<float> destination) => AddScaledSign(x, alpha, destination, IsaSelector.Current);

    public static void Relu(ReadOnlySpan<float> x, Span<float> destination) => Relu(x, destination, IsaSelector.Current);

    /// <summary>dx = dy where y &gt; 0, else 0 (the subgradient at 0 is 0). y is the relu's output.</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => ReluBackward(y, dy, dx, IsaSelector.Current);

    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination) => LeakyRelu(x, slope, destination, IsaSelector.Current);

    /// <summary>dx = dy where y &gt; 0, else slope * dy. y is the leaky relu's output (same sign as its input).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float slope, Span<float> dx) => LeakyReluBackward(y, dy, slope, dx, IsaSelector.Current);

    /// <summary>1 / (1 + e^-x); exactly 0 or 1 far out, never NaN for finite x.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination) => Sigmoid(x, destination, IsaSelector.Current);

    /// <summary>dx = dy * y * (1 - y). y is the sigmoid's output.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => SigmoidBackward(y, dy, dx, IsaSelector.Current);

    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination) => Tanh(x, destination, IsaSelector.Current);

    /// <summary>dx = dy * (1 - y^2). y is the tanh's output.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) => TanhBackward(y, dy, dx, IsaSelector.Current);

    public static void Exp(ReadOnlySpan<float> x, Span<float> destination) => Exp(x, destination, IsaSelector.Current);

    public static void Log(ReadOnlySpan<float> x, Span<float> destination) => Log(x, destination, IsaSelector.Current);

    /// <summary>destination = min(max(x, min), max); throws if min &gt; max.</summary>
    public static void Clamp(ReadOnlySpan<float> x, float min, float max, Span<float> destination) => Clamp(x, min, max, destination, IsaSelector.Current);

    // The same kernels on an explicit path. A scalar argument travels as a one-element span that
    // the driver broadcasts (the Broadcast operand).
    internal static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, Isa isa) =>
        BinaryDriver.Invoke<AddOperator, Elements>(x, y, destination, isa);

    internal static void Subtract(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, Isa isa) =>
        BinaryDriver.Invoke<SubtractOperator, Elements>(x, y, destination, isa);

    internal static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, Isa isa) =>
        BinaryDriver.Invoke<MultiplyOperator, Elements>(x, y, destination, isa);

    internal static void Scale(ReadOnlySpan<float> x, float scale, Span<float> destination, Isa isa) =>
        BinaryDriver.Invoke<MultiplyOperator, Broadcast>(x, new ReadOnlySpan<float>(in scale), destination, isa);

    internal static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination, Isa isa) =>
        TernaryDriver.Invoke<MultiplyAddOperator, Elements, Elements>(x, y, addend, destination, isa);

    internal static void AddScaled(ReadOnlySpan<float> x, float alpha, Span<float> destination, Isa isa) =>
        TernaryDriver.Invoke<MultiplyAddOperator, Broadcast, Elements>(x, new ReadOnlySpan<float>(in alpha), destination, destination, isa);

    internal static void AddScaledRounded(ReadOnlySpan<float> x, float alpha, Span<float> destination, Isa isa) =>
        TernaryDriver.Invoke<MultiplyThenAddOperator, Broadcast, Elements>(x, new ReadOnlySpan<float>(in alpha), destination, destination, isa);

    internal static void AddScaledSign(ReadOnlySpan<float> x, float alpha, Span<float> destination, Isa isa) =>
        TernaryDriver.Invoke<SignMultiplyAddOperator, Broadcast, Elements>(x, new ReadOnlySpan<float>(in alpha), destination, destination, isa);

    internal static void Relu(ReadOnlySpan<float> x, Span<float> destination, Isa isa) =>
        UnaryDriver.Invoke<ReluOperator>(x, destination, isa);

    internal static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Isa isa) =>
        BinaryDriver.Invoke<ReluBackwardOperator, Elements>(y, dy, dx, isa);

    internal static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination, Isa isa) =>
        BinaryDriver.Invoke<LeakyReluOperator, Broadcast>(x, new ReadOnlySpan<float>(in slope), destination, isa);

    internal static void LeakyReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float slope, Span<float> dx, Isa isa) =>
        TernaryDriver.Invoke<LeakyReluBackwardOperator, Elements, Broadcast>(y, dy, new ReadOnlySpan<float>(in slope), dx, isa);

    /// <summary>dx += TOp(y, dy): an activation's backward, accumulating (see <see cref="AccumulateOperator{TOp}"/>).</summary>
    // y, dy, dx: [n]
    internal static void AccumulateBackward<TOp>(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
        where TOp : IBinaryOperator =>
        TernaryDriver.Invoke<AccumulateOperator<TOp>, Elements, Elements>(y, dy, dx, dx, IsaSelector.Current);

    /// <summary>dx = TOp(y, dy) when <paramref name="dxIsZero"/> (nothing has added to dx yet), else dx += TOp(y, dy).</summary>
    // y, dy, dx: [n]
    internal static void Backward<TOp>(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, bool dxIsZero)
        where TOp : IBinaryOperator
    {
        if (dxIsZero)
        {
            BinaryDriver.Invoke<TOp, Elements>(y, dy, dx, IsaSelector.Current);
        }
        else
        {
            AccumulateBackward<TOp>(y, dy, dx);
        }
    }

    internal static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination, Isa isa) =>
        UnaryDriver.Invoke<SigmoidOperator>(x, destination, isa);

    internal static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Isa isa) =>
        BinaryDriver.Invoke<SigmoidBackwardOperator, Elements>(y, dy, dx, isa);

    internal static void Tanh(ReadOnlySpan<float> x, Span<float> destination, Isa isa) =>
        UnaryDriver.Invoke<TanhOperator>(x, destination, isa);

    internal static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx, Isa isa) =>
        BinaryDriver.Invoke<TanhBackwardOperator, Elements>(y, dy, dx, isa);

    internal static void Exp(ReadOnlySpan<float> x, Span<float> destination, Isa isa) =>
        UnaryDriver.Invoke<ExpOperator>(x, destination, isa);

    internal static void Log(ReadOnlySpan<float> x, Span<float> destination, Isa isa) =>
        UnaryDriver.Invoke<LogOperator>(x, destination, isa);

    internal static void Clamp(ReadOnlySpan<float> x, float min, float max, Span<float> destination, Isa isa)
    {
        if (!(min <= max))
        {
            throw new ArgumentException($"Clamp bounds are inverted or NaN: min {min}, max {max}.", nameof(min));
        }

        TernaryDriver.Invoke<ClampOperator, Broadcast, Broadcast>(x, new ReadOnlySpan<float>(in min), new ReadOnlySpan<float>(in max), destination, isa);
    }
}
