namespace Vectorized.Autoencoders.Kernels;

/// <summary>Reductions over spans. Results do not depend on the buffer's alignment.</summary>
public static class Reductions
{
    // Placeholder scalar bodies; the SIMD drivers replace them behind the same signatures.
    public static float Sum(ReadOnlySpan<float> x) { var s = 0f; foreach (var v in x) s += v; return s; }
    public static float SumOfSquares(ReadOnlySpan<float> x) { var s = 0f; foreach (var v in x) s += v * v; return s; }
    public static float SumOfMagnitudes(ReadOnlySpan<float> x) { var s = 0f; foreach (var v in x) s += MathF.Abs(v); return s; }
    /// <summary>The largest element; NaN if any element is NaN; throws on an empty span.</summary>
    public static float Max(ReadOnlySpan<float> x) { if (x.IsEmpty) throw new ArgumentException("Max of an empty span.", nameof(x)); var m = x[0]; foreach (var v in x) { if (float.IsNaN(v)) return v; if (v > m) m = v; } return m; }
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) { var s = 0f; for (var i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }
}
