using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Operators;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// Binary cross-entropy of a sigmoid output, computed from the pre-sigmoid logits, with Keras'
/// semantics: the prediction is clipped to [1e-7, 1 - 1e-7] and the loss is the mean over all
/// elements. Clipping p = sigmoid(z) to [eps, 1 - eps] is clamping z to [-L, L] with
/// L = ln((1 - eps) / eps); the loss is then the overflow-free max(z, 0) - z t + ln(1 + e^-|z|).
/// The gradient of the mean with respect to each logit is (sigmoid(z) - t) / n inside the clip
/// range and 0 outside it, as the clip's gradient is in Keras/TensorFlow. One exponential per
/// element serves both: with e = e^-|z|, ln(1 + e) is the loss term and sigmoid(z) is 1 / (1 + e)
/// for z &gt;= 0 and e / (1 + e) below (where the gradient is zero, z is replaced by the clamped z).
/// </summary>
public static class BinaryCrossEntropyKernel
{
    /// <summary>The clip of the prediction (Keras' backend epsilon).</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>The logit at which sigmoid reaches 1 - <see cref="Epsilon"/>: ln((1 - eps) / eps).</summary>
    public static readonly float LogitLimit = (float)Math.Log((1 - (double)Epsilon) / Epsilon);

    /// <summary>The mean loss over all elements.</summary>
    // logits, targets: [n] (a batch [batch, features] flattened)
    public static float Loss(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets) => Mean(logits, targets, [], false, IsaSelector.Current);

    /// <summary>The mean loss; writes d(mean loss)/d(logit) into gradient, which may be the logits buffer itself.</summary>
    // logits, targets, gradient: [n]
    public static float LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient) => Mean(logits, targets, gradient, true, IsaSelector.Current);

    internal static float Loss(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Isa isa) => Mean(logits, targets, [], false, isa);

    internal static float LossAndGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, Isa isa) => Mean(logits, targets, gradient, true, isa);

    /// <summary>
    /// The SUM of the element losses of one chunk of a larger batch; when <paramref name="withGradient"/>,
    /// writes (sigmoid(z) - t) * <paramref name="gradientScale"/> (1 / the whole batch's element count).
    /// </summary>
    // logits, targets: [n]; gradient: [n] when withGradient
    internal static float Sum(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, bool withGradient, float gradientScale) =>
        Run(logits, targets, gradient, withGradient, gradientScale, IsaSelector.Current);

    /// <summary>
    /// The sum of the element losses; ADDS (sigmoid(z) - t) * <paramref name="gradientScale"/> to the
    /// gradient (the network's convention: gradients are zeroed once per step and every backward accumulates).
    /// </summary>
    // logits, targets, gradient: [n]; gradient must not alias logits
    internal static float SumAccumulatingGradient(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, float gradientScale, Span<float> gradient) =>
        Run(logits, targets, gradient, true, gradientScale, IsaSelector.Current, accumulate: true);

    private static float Mean(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, bool withGradient, Isa isa)
    {
        if (logits.IsEmpty)
        {
            throw new ArgumentException("Binary cross-entropy of an empty batch.", nameof(logits));
        }

        var scale = 1f / logits.Length;
        return Run(logits, targets, gradient, withGradient, scale, isa) * scale;
    }

    private static float Run(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradient, bool withGradient, float scale, Isa isa, bool accumulate = false)
    {
        if (targets.Length != logits.Length || (withGradient && gradient.Length != logits.Length))
        {
            throw new ArgumentException($"Spans differ in length: logits {logits.Length}, targets {targets.Length}, gradient {gradient.Length}.", nameof(targets));
        }

        ref var zr = ref MemoryMarshal.GetReference(logits);
        ref var tr = ref MemoryMarshal.GetReference(targets);
        ref var gr = ref MemoryMarshal.GetReference(gradient);
        var n = (nuint)logits.Length;
        var limit = LogitLimit;
        var sum = 0f;
        nuint i = 0;

        // Full vectors of the widest allowed width, then a scalar remainder (no overlap: each
        // element's loss must be counted once).
        if (isa >= Isa.Avx512)
        {
            var acc = Vector512<float>.Zero;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var z = Vector512.LoadUnsafe(ref zr, i);
                var t = Vector512.LoadUnsafe(ref tr, i);
                var zc = Vector512.Min(Vector512.Max(z, Vector512.Create(-limit)), Vector512.Create(limit));
                var e = ExpOperator.Invoke(-Vector512.Abs(zc));
                acc += Vector512.Max(zc, Vector512<float>.Zero) - (zc * t) + Log1pOfUnitOperator.Invoke(e);
                if (withGradient)
                {
                    var p = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(zc, Vector512<float>.Zero), Vector512<float>.One, e) / (Vector512<float>.One + e);
                    var inside = Vector512.LessThanOrEqual(Vector512.Abs(z), Vector512.Create(limit));
                    var g = (p - t) * Vector512.Create(scale) & inside;
                    (accumulate ? Vector512.LoadUnsafe(ref gr, i) + g : g).StoreUnsafe(ref gr, i);
                }
            }

            sum = Vector512.Sum(acc);
        }
        else if (isa >= Isa.Avx2)
        {
            var acc = Vector256<float>.Zero;
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                var z = Vector256.LoadUnsafe(ref zr, i);
                var t = Vector256.LoadUnsafe(ref tr, i);
                var zc = Vector256.Min(Vector256.Max(z, Vector256.Create(-limit)), Vector256.Create(limit));
                var e = ExpOperator.Invoke(-Vector256.Abs(zc));
                acc += Vector256.Max(zc, Vector256<float>.Zero) - (zc * t) + Log1pOfUnitOperator.Invoke(e);
                if (withGradient)
                {
                    var p = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(zc, Vector256<float>.Zero), Vector256<float>.One, e) / (Vector256<float>.One + e);
                    var inside = Vector256.LessThanOrEqual(Vector256.Abs(z), Vector256.Create(limit));
                    var g = (p - t) * Vector256.Create(scale) & inside;
                    (accumulate ? Vector256.LoadUnsafe(ref gr, i) + g : g).StoreUnsafe(ref gr, i);
                }
            }

            sum = Vector256.Sum(acc);
        }
        else if (isa >= Isa.V128)
        {
            var acc = Vector128<float>.Zero;
            for (; i + (nuint)Vector128<float>.Count <= n; i += (nuint)Vector128<float>.Count)
            {
                var z = Vector128.LoadUnsafe(ref zr, i);
                var t = Vector128.LoadUnsafe(ref tr, i);
                var zc = Vector128.Min(Vector128.Max(z, Vector128.Create(-limit)), Vector128.Create(limit));
                var e = ExpOperator.Invoke(-Vector128.Abs(zc));
                acc += Vector128.Max(zc, Vector128<float>.Zero) - (zc * t) + Log1pOfUnitOperator.Invoke(e);
                if (withGradient)
                {
                    var p = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(zc, Vector128<float>.Zero), Vector128<float>.One, e) / (Vector128<float>.One + e);
                    var inside = Vector128.LessThanOrEqual(Vector128.Abs(z), Vector128.Create(limit));
                    var g = (p - t) * Vector128.Create(scale) & inside;
                    (accumulate ? Vector128.LoadUnsafe(ref gr, i) + g : g).StoreUnsafe(ref gr, i);
                }
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            var z = Unsafe.Add(ref zr, i);
            var t = Unsafe.Add(ref tr, i);
            var zc = MathF.Min(MathF.Max(z, -limit), limit);
            var e = ExpOperator.Invoke(-MathF.Abs(zc));
            sum += MathF.Max(zc, 0f) - (zc * t) + Log1pOfUnitOperator.Invoke(e);
            if (withGradient)
            {
                var p = (zc >= 0f ? 1f : e) / (1f + e);
                var g = MathF.Abs(z) <= limit ? (p - t) * scale : 0f;
                Unsafe.Add(ref gr, i) = accumulate ? Unsafe.Add(ref gr, i) + g : g;
            }
        }

        return sum;
    }
}
