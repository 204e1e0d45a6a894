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
internal static class BinaryCrossEntropyKernel
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

    /// <summary>The SUM of the element losses of one chunk of a larger batch (no gradient).</summary>
    // logits, targets: [n]
    internal static float LossSum(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets) =>
        Run(logits, targets, [], false, 0f, IsaSelector.Current);

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
            sum = VectorSum<Vector512<float>, Vector512Ops, FastExpAndLog1p512>(ref zr, ref tr, ref gr, n, limit, withGradient, scale, accumulate, out i);
        }
        else if (isa >= Isa.Avx2)
        {
            sum = VectorSum<Vector256<float>, Vector256Ops, FastExpAndLog1p256>(ref zr, ref tr, ref gr, n, limit, withGradient, scale, accumulate, out i);
        }
        else if (isa >= Isa.V128)
        {
            sum = VectorSum<Vector128<float>, Vector128Ops, FastExpAndLog1p128>(ref zr, ref tr, ref gr, n, limit, withGradient, scale, accumulate, out i);
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

    /// <summary>The full vectors of one width: returns their loss sum; <paramref name="end"/> is where the scalar remainder starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float VectorSum<TVec, TOps, TExp>(ref float zr, ref float tr, ref float gr, nuint n, float limit, bool withGradient, float scale, bool accumulate, out nuint end)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
        where TExp : struct, IExpAndLog1p<TVec>
    {
        var count = (nuint)TOps.Count;
        var zero = TOps.Create(0f);
        var one = TOps.Create(1f);
        var acc = zero;
        nuint i = 0;
        for (; i + count <= n; i += count)
        {
            var z = TOps.LoadUnsafe(ref zr, i);
            var t = TOps.LoadUnsafe(ref tr, i);
            var zc = TOps.Min(TOps.Max(z, TOps.Create(-limit)), TOps.Create(limit));
            var e = TExp.Exp(TOps.Negate(TOps.Abs(zc)));
            acc = TOps.Add(acc, TOps.Add(TOps.Subtract(TOps.Max(zc, zero), TOps.Multiply(zc, t)), TExp.Log1pOfUnit(e)));
            if (withGradient)
            {
                var p = TOps.Divide(TOps.ConditionalSelect(TOps.GreaterThanOrEqual(zc, zero), one, e), TOps.Add(one, e));
                var inside = TOps.LessThanOrEqual(TOps.Abs(z), TOps.Create(limit));
                var g = TOps.BitwiseAnd(TOps.Multiply(TOps.Subtract(p, t), TOps.Create(scale)), inside);
                TOps.StoreUnsafe(accumulate ? TOps.Add(TOps.LoadUnsafe(ref gr, i), g) : g, ref gr, i);
            }
        }

        end = i;
        return TOps.Sum(acc);
    }
}
