using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tsne;

/// <summary>
/// One step of gradient descent with momentum and per-coordinate gains (Jacobs' delta-bar-delta,
/// as every t-SNE implementation uses): a gain grows by <c>increase</c> while the gradient keeps
/// pointing against the last update and shrinks by <c>decay</c> when it flips, never below
/// <c>minGain</c>. Element-wise with no fused multiply-add, so every SIMD path gives the
/// scalar path's bits.
/// </summary>
internal static class GainsUpdate
{
    // gradient: [len]; gains, update, y: [len] (updated in place)
    public static void Step(
        ReadOnlySpan<float> gradient, float momentum, float learningRate, float increase, float decay, float minGain,
        Span<float> gains, Span<float> update, Span<float> y)
    {
        var i = 0;
        var len = gradient.Length;
        var isa = IsaSelector.Current;
        if (isa >= Isa.Avx512 && Vector512.IsHardwareAccelerated)
        {
            for (; i <= len - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var g = Vector512.Create(gradient.Slice(i, Vector512<float>.Count));
                var u = Vector512.Create(update.Slice(i, Vector512<float>.Count));
                var gain = Vector512.Create(gains.Slice(i, Vector512<float>.Count));
                var flip = Vector512.LessThan(u * g, Vector512<float>.Zero);
                gain = Vector512.ConditionalSelect(flip, gain + Vector512.Create(increase), gain * Vector512.Create(decay));
                gain = Vector512.Max(gain, Vector512.Create(minGain));
                u = Vector512.Create(momentum) * u - Vector512.Create(learningRate) * (gain * g);
                gain.CopyTo(gains.Slice(i, Vector512<float>.Count));
                u.CopyTo(update.Slice(i, Vector512<float>.Count));
                (Vector512.Create(y.Slice(i, Vector512<float>.Count)) + u).CopyTo(y.Slice(i, Vector512<float>.Count));
            }
        }
        else if (isa >= Isa.Avx2 && Vector256.IsHardwareAccelerated)
        {
            for (; i <= len - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var g = Vector256.Create(gradient.Slice(i, Vector256<float>.Count));
                var u = Vector256.Create(update.Slice(i, Vector256<float>.Count));
                var gain = Vector256.Create(gains.Slice(i, Vector256<float>.Count));
                var flip = Vector256.LessThan(u * g, Vector256<float>.Zero);
                gain = Vector256.ConditionalSelect(flip, gain + Vector256.Create(increase), gain * Vector256.Create(decay));
                gain = Vector256.Max(gain, Vector256.Create(minGain));
                u = Vector256.Create(momentum) * u - Vector256.Create(learningRate) * (gain * g);
                gain.CopyTo(gains.Slice(i, Vector256<float>.Count));
                u.CopyTo(update.Slice(i, Vector256<float>.Count));
                (Vector256.Create(y.Slice(i, Vector256<float>.Count)) + u).CopyTo(y.Slice(i, Vector256<float>.Count));
            }
        }

        for (; i < len; i++)
        {
            var g = gradient[i];
            var u = update[i];
            var gain = u * g < 0f ? gains[i] + increase : gains[i] * decay;
            gain = Math.Max(gain, minGain);
            u = momentum * u - learningRate * (gain * g);
            gains[i] = gain;
            update[i] = u;
            y[i] += u;
        }
    }
}
