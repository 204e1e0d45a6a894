namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// The variational autoencoder's KL(q(z|x) || N(0, I)) = -0.5 * sum(1 + logvar - mean^2 - exp(logvar))
/// per image, averaged over the batch, on an activation whose rows are [mean | logvar]
/// (PyTorch's examples/vae and Keras' VAE example). Sums are taken in double.
/// </summary>
internal sealed class KlDivergence(int latent) : ILossTerm
{
    public int Latent { get; } = latent;

    // a: [batch, 2 latent]
    public double Forward(ReadOnlySpan<float> a, int batch, bool training)
    {
        double sum = 0;
        for (var r = 0; r < batch; r++)
        {
            var row = a.Slice(r * 2 * Latent, 2 * Latent);
            for (var j = 0; j < Latent; j++)
            {
                double mu = row[j], lv = row[Latent + j];
                sum += 1 + lv - (mu * mu) - Math.Exp(lv);
            }
        }

        return -0.5 * sum / batch;
    }

    // a, da: [batch, 2 latent]
    public void Backward(ReadOnlySpan<float> a, int batch, Span<float> da)
    {
        var scale = 1f / batch;
        for (var r = 0; r < batch; r++)
        {
            var row = a.Slice(r * 2 * Latent, 2 * Latent);
            var drow = da.Slice(r * 2 * Latent, 2 * Latent);
            for (var j = 0; j < Latent; j++)
            {
                drow[j] += scale * row[j];
                drow[Latent + j] += scale * 0.5f * (MathF.Exp(row[Latent + j]) - 1f);
            }
        }
    }
}
