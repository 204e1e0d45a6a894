namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The variational autoencoder's loss per image, the convention of PyTorch's examples/vae and Keras'
/// VAE example: binary cross-entropy of the sigmoid decoder output summed over the pixels, plus
/// KL(q(z|x) || N(0, I)) = -0.5 * sum(1 + logvar - mean^2 - exp(logvar)) over the latent units.
/// <para>
/// The cross-entropy is computed from the logits z, as max(z, 0) - t z + log(1 + exp(-|z|)), which
/// is exact where PyTorch's binary_cross_entropy on sigmoid outputs is not: in float the sigmoid
/// rounds to 1 beyond z of about 17 and PyTorch then clamps the log at -100. The two agree to float
/// rounding wherever the sigmoid is not saturated. Per-image sums are taken in double.
/// </para>
/// </summary>
internal static class VaeLoss
{
    /// <summary>losses[i] = BCE(sigmoid(logits[i]), targets[i]) summed over pixels + KL(mean[i], logvar[i]).</summary>
    // logits, targets: [batch, pixels]; mean, logvar: [batch, latent]; losses: [batch]
    public static void Forward(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<float> mean, ReadOnlySpan<float> logvar,
        int batch, int pixels, int latent, Span<float> losses)
    {
        Check(logits.Length, targets.Length, mean.Length, logvar.Length, batch, pixels, latent);
        if (losses.Length != batch)
        {
            throw new ArgumentException($"the per-image losses hold {losses.Length} floats, not {batch}.", nameof(losses));
        }

        for (var n = 0; n < batch; n++)
        {
            var z = logits.Slice(n * pixels, pixels);
            var t = targets.Slice(n * pixels, pixels);
            double bce = 0;
            for (var i = 0; i < pixels; i++)
            {
                double zi = z[i];
                bce += Math.Max(zi, 0) - (zi * t[i]) + double.LogP1(Math.Exp(-Math.Abs(zi)));
            }

            var mu = mean.Slice(n * latent, latent);
            var lv = logvar.Slice(n * latent, latent);
            double kl = 0;
            for (var j = 0; j < latent; j++)
            {
                kl += 1 + (double)lv[j] - ((double)mu[j] * mu[j]) - Math.Exp(lv[j]);
            }

            losses[n] = (float)(bce - (0.5 * kl));
        }
    }

    /// <summary>
    /// The gradients of dloss times every image's loss (dloss = 1 / batch for the batch mean):
    /// dlogits += dloss (sigmoid(z) - t), dmean += dloss mean, dlogvar += dloss (exp(logvar) - 1) / 2.
    /// </summary>
    // logits, targets: [batch, pixels]; mean, logvar: [batch, latent]
    // dlogits: [batch, pixels]; dmean, dlogvar: [batch, latent]
    public static void Backward(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, ReadOnlySpan<float> mean, ReadOnlySpan<float> logvar,
        int batch, int pixels, int latent, float dloss,
        Span<float> dlogits, Span<float> dmean, Span<float> dlogvar)
    {
        Check(logits.Length, targets.Length, mean.Length, logvar.Length, batch, pixels, latent);
        Check(dlogits.Length, dlogits.Length, dmean.Length, dlogvar.Length, batch, pixels, latent);
        for (var i = 0; i < batch * pixels; i++)
        {
            dlogits[i] += dloss * (Sigmoid(logits[i]) - targets[i]);
        }

        for (var j = 0; j < batch * latent; j++)
        {
            dmean[j] += dloss * mean[j];
            dlogvar[j] += dloss * 0.5f * (MathF.Exp(logvar[j]) - 1f);
        }
    }

    // Without overflow for either sign of z.
    private static float Sigmoid(float z)
    {
        if (z >= 0)
        {
            return 1f / (1f + MathF.Exp(-z));
        }

        var e = MathF.Exp(z);
        return e / (1f + e);
    }

    private static void Check(int logits, int targets, int mean, int logvar, int batch, int pixels, int latent)
    {
        if (batch < 1 || pixels < 1 || latent < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"the VAE loss needs positive sizes (batch {batch}, pixels {pixels}, latent {latent}).");
        }

        if (logits != batch * pixels || targets != batch * pixels || mean != batch * latent || logvar != batch * latent)
        {
            throw new ArgumentException($"the VAE loss's tensors ({logits}, {targets}, {mean}, {logvar}) are not [{batch}, {pixels}] twice and [{batch}, {latent}] twice.");
        }
    }
}
