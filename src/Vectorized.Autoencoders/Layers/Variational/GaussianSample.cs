namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The variational autoencoder's sampling head, reparameterized so that gradients reach the encoder:
/// z = mean + eps * exp(logvar / 2), with eps drawn from N(0, 1) by the caller (a seeded stream) and
/// kept for the backward pass (llm.c style: backward ACCUMULATES into dmean and dlogvar).
/// </summary>
internal static class GaussianSample
{
    /// <summary>z = mean + eps * exp(logvar / 2), element by element.</summary>
    // mean, logvar, eps, z: [batch, latent]
    public static void Forward(ReadOnlySpan<float> mean, ReadOnlySpan<float> logvar, ReadOnlySpan<float> eps, Span<float> z)
    {
        Check(mean.Length, logvar.Length, eps.Length, z.Length);
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = mean[i] + (eps[i] * MathF.Exp(0.5f * logvar[i]));
        }
    }

    /// <summary>dmean += dz; dlogvar += dz * eps * exp(logvar / 2) / 2.</summary>
    // dz, logvar, eps, dmean, dlogvar: [batch, latent]
    public static void Backward(ReadOnlySpan<float> dz, ReadOnlySpan<float> logvar, ReadOnlySpan<float> eps, Span<float> dmean, Span<float> dlogvar)
    {
        Check(dz.Length, logvar.Length, eps.Length, dmean.Length);
        Check(dz.Length, dz.Length, dz.Length, dlogvar.Length);
        for (var i = 0; i < dz.Length; i++)
        {
            dmean[i] += dz[i];
            dlogvar[i] += dz[i] * eps[i] * 0.5f * MathF.Exp(0.5f * logvar[i]);
        }
    }

    private static void Check(int a, int b, int c, int d)
    {
        if (a != b || a != c || a != d)
        {
            throw new ArgumentException($"the sampling head's tensors differ in length ({a}, {b}, {c}, {d}).");
        }
    }
}
