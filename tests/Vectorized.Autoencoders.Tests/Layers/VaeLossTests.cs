using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The VAE's sampling head and loss with eps fixed: the loss against a double-precision formula,
/// and every gradient (logits, mean, log-variance, the latter two reached both through the KL term
/// and through the sample z) against central differences.
/// </summary>
public class VaeLossTests
{
    [Property(MaxTest = 100)]
    public void LossAndGradientsMatchCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 404);
        int batch = 1 + rng.NextInt(4), pixels = 1 + rng.NextInt(9), latent = 1 + rng.NextInt(5);
        var logits = LayerCheck.Random(ref rng, batch * pixels, -8, 8);
        var targets = LayerCheck.Random(ref rng, batch * pixels, 0, 1);
        var mean = LayerCheck.Random(ref rng, batch * latent, -2, 2);
        var logvar = LayerCheck.Random(ref rng, batch * latent, -3, 2);
        var losses = new float[batch];
        VaeLoss.Forward(logits, targets, mean, logvar, batch, pixels, latent, losses);
        double[] zd = LayerCheck.ToDouble(logits), td = LayerCheck.ToDouble(targets), md = LayerCheck.ToDouble(mean), vd = LayerCheck.ToDouble(logvar);
        for (var n = 0; n < batch; n++)
        {
            LayerCheck.Close(losses[n], ImageLoss(zd, td, md, vd, n, pixels, latent), 1e-6, $"loss of image {n}");
        }

        var dloss = 1f / batch;
        var dz0 = LayerCheck.Random(ref rng, logits.Length);
        var dm0 = LayerCheck.Random(ref rng, mean.Length);
        var dv0 = LayerCheck.Random(ref rng, logvar.Length);
        float[] dz = (float[])dz0.Clone(), dm = (float[])dm0.Clone(), dv = (float[])dv0.Clone();
        VaeLoss.Backward(logits, targets, mean, logvar, batch, pixels, latent, dloss, dz, dm, dv);
        double Mean() => Enumerable.Range(0, batch).Sum(n => ImageLoss(zd, td, md, vd, n, pixels, latent)) / batch;
        LayerCheck.Gradient(Minus(dz, dz0), zd, Mean, ref rng, 20, "dlogits");
        LayerCheck.Gradient(Minus(dm, dm0), md, Mean, ref rng, 20, "dmean");
        LayerCheck.Gradient(Minus(dv, dv0), vd, Mean, ref rng, 20, "dlogvar");
    }

    [Property(MaxTest = 100)]
    public void SamplingThenLossChainsThroughBothPaths(int seed)
    {
        // A decoder that is the identity (logits = z, pixels = latent): mean and logvar reach the loss
        // through z and through the KL term, and both backward passes add into the same gradients.
        var rng = new Xoshiro256((ulong)(uint)seed + 505);
        int batch = 1 + rng.NextInt(4), latent = 1 + rng.NextInt(6);
        var mean = LayerCheck.Random(ref rng, batch * latent, -2, 2);
        var logvar = LayerCheck.Random(ref rng, batch * latent, -3, 2);
        var eps = LayerCheck.Random(ref rng, batch * latent, -2, 2);
        var targets = LayerCheck.Random(ref rng, batch * latent, 0, 1);
        var z = new float[mean.Length];
        GaussianSample.Forward(mean, logvar, eps, z);
        float[] dz = new float[z.Length], dm = new float[z.Length], dv = new float[z.Length];
        var dloss = 1f / batch;
        VaeLoss.Backward(z, targets, mean, logvar, batch, latent, latent, dloss, dz, dm, dv);
        GaussianSample.Backward(dz, logvar, eps, dm, dv);

        double[] md = LayerCheck.ToDouble(mean), vd = LayerCheck.ToDouble(logvar), ed = LayerCheck.ToDouble(eps), td = LayerCheck.ToDouble(targets);
        double Mean()
        {
            var zd = md.Select((m, i) => m + (ed[i] * Math.Exp(vd[i] / 2))).ToArray();
            return Enumerable.Range(0, batch).Sum(n => ImageLoss(zd, td, md, vd, n, latent, latent)) / batch;
        }

        LayerCheck.Gradient(dm, md, Mean, ref rng, 30, "dmean");
        LayerCheck.Gradient(dv, vd, Mean, ref rng, 30, "dlogvar");
    }

    [Fact]
    public void ExtremeLogitsStayFinite()
    {
        var losses = new float[1];
        VaeLoss.Forward([200f, -200f], [0f, 1f], [0f], [0f], 1, 2, 1, losses);
        Assert.Equal(400f, losses[0], 3);
        float[] dz = new float[2], dm = new float[1], dv = new float[1];
        VaeLoss.Backward([200f, -200f], [0f, 1f], [0f], [0f], 1, 2, 1, 1f, dz, dm, dv);
        Assert.Equal(new[] { 1f, -1f }, dz);
    }

    // BCE of sigmoid(z) summed over the image's pixels, straight from the definition, plus the KL term.
    private static double ImageLoss(double[] z, double[] t, double[] mean, double[] logvar, int n, int pixels, int latent)
    {
        double loss = 0;
        for (var i = n * pixels; i < (n + 1) * pixels; i++)
        {
            var p = 1 / (1 + Math.Exp(-z[i]));
            loss -= (t[i] * Math.Log(p)) + ((1 - t[i]) * Math.Log(1 - p));
        }

        for (var j = n * latent; j < (n + 1) * latent; j++)
        {
            loss -= 0.5 * (1 + logvar[j] - (mean[j] * mean[j]) - Math.Exp(logvar[j]));
        }

        return loss;
    }

    private static float[] Minus(float[] a, float[] b) => a.Select((v, i) => v - b[i]).ToArray();
}
