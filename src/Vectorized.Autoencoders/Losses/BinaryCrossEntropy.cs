namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// Binary cross-entropy of a sigmoid output, fused with the sigmoid and computed from the logits z.
/// Keras 2.0 clips the prediction p = sigmoid(z) to [1e-7, 1 - 1e-7] before the log; here that is the
/// same as clamping z to +-<see cref="LogitLimit"/>. Outside the limit the clip is flat, so the
/// gradient there is 0 exactly as in Keras; inside it is the familiar (p - t).
/// </summary>
public static class BinaryCrossEntropy
{
    /// <summary>Keras' <c>epsilon()</c>: the prediction is clipped to [Epsilon, 1 - Epsilon].</summary>
    public const float Epsilon = 1e-7f;

    /// <summary>logit(1 - Epsilon) computed in float as Keras does: beyond it the clipped prediction is constant.</summary>
    public static readonly float LogitLimit = MathF.Log((1f - Epsilon) / Epsilon);

    /// <summary>
    /// Returns the SUM of the element losses (the caller divides by the count) and writes
    /// dz = scale * dLoss/dz (scale is 1/count for a mean).
    /// </summary>
    // z: [n] logits, t: [n] targets in [0, 1], dz: [n]
    public static double ForwardBackward(ReadOnlySpan<float> z, ReadOnlySpan<float> t, float scale, Span<float> dz)
    {
        var sum = 0.0;
        var limit = LogitLimit;
        for (var i = 0; i < z.Length; i++)
        {
            var zi = z[i];
            var zc = Math.Clamp(zi, -limit, limit);
            // Stable form: max(z,0) - z t + log(1 + exp(-|z|)); the same exp gives the sigmoid.
            var e = MathF.Exp(-MathF.Abs(zc));
            sum += MathF.Max(zc, 0f) - zc * t[i] + MathF.Log(1f + e);
            var p = zc >= 0f ? 1f / (1f + e) : e / (1f + e);
            dz[i] = zi > -limit && zi < limit ? scale * (p - t[i]) : 0f;
        }

        return sum;
    }

    /// <summary>Sum of the element losses only (evaluation).</summary>
    // z: [n] logits, t: [n]
    public static double Sum(ReadOnlySpan<float> z, ReadOnlySpan<float> t)
    {
        var sum = 0.0;
        var limit = LogitLimit;
        for (var i = 0; i < z.Length; i++)
        {
            var zc = Math.Clamp(z[i], -limit, limit);
            sum += MathF.Max(zc, 0f) - zc * t[i] + MathF.Log(1f + MathF.Exp(-MathF.Abs(zc)));
        }

        return sum;
    }
}
