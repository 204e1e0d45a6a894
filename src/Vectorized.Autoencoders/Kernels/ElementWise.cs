namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// Element-wise kernels over spans. Argument order: sources, then scalars, then destination.
/// The destination may alias a source (in-place). Lengths must match.
/// </summary>
public static class ElementWise
{
    // Placeholder scalar bodies; the SIMD drivers replace them behind the same signatures.
    public static void Add(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = x[i] + y[i]; }
    public static void Subtract(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = x[i] - y[i]; }
    public static void Multiply(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = x[i] * y[i]; }
    /// <summary>destination = x * scale.</summary>
    public static void Scale(ReadOnlySpan<float> x, float scale, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = x[i] * scale; }
    /// <summary>destination = x * y + addend (fused).</summary>
    public static void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> addend, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = MathF.FusedMultiplyAdd(x[i], y[i], addend[i]); }
    /// <summary>destination += alpha * x (BLAS axpy).</summary>
    public static void AddScaled(ReadOnlySpan<float> x, float alpha, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = MathF.FusedMultiplyAdd(alpha, x[i], destination[i]); }
    public static void Relu(ReadOnlySpan<float> x, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = x[i] > 0f ? x[i] : 0f; }
    /// <summary>dx = dy where y &gt; 0, else 0 (the subgradient at 0 is 0). y is the relu's output.</summary>
    public static void ReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) { for (var i = 0; i < y.Length; i++) dx[i] = y[i] > 0f ? dy[i] : 0f; }
    public static void LeakyRelu(ReadOnlySpan<float> x, float slope, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = x[i] > 0f ? x[i] : slope * x[i]; }
    /// <summary>dx = dy where y &gt; 0, else slope * dy. y is the leaky relu's output (same sign as its input).</summary>
    public static void LeakyReluBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, float slope, Span<float> dx) { for (var i = 0; i < y.Length; i++) dx[i] = y[i] > 0f ? dy[i] : slope * dy[i]; }
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = 1f / (1f + MathF.Exp(-x[i])); }
    /// <summary>dx = dy * y * (1 - y). y is the sigmoid's output.</summary>
    public static void SigmoidBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) { for (var i = 0; i < y.Length; i++) dx[i] = dy[i] * y[i] * (1f - y[i]); }
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = MathF.Tanh(x[i]); }
    /// <summary>dx = dy * (1 - y^2). y is the tanh's output.</summary>
    public static void TanhBackward(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx) { for (var i = 0; i < y.Length; i++) dx[i] = dy[i] * (1f - y[i] * y[i]); }
    public static void Exp(ReadOnlySpan<float> x, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = MathF.Exp(x[i]); }
    public static void Log(ReadOnlySpan<float> x, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = MathF.Log(x[i]); }
    public static void Clamp(ReadOnlySpan<float> x, float min, float max, Span<float> destination) { for (var i = 0; i < x.Length; i++) destination[i] = Math.Clamp(x[i], min, max); }
}
