using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The VAE loss as training computes it, with its sampling fixed (eps given): the sampling layer
/// (<see cref="GaussianSampleLayer"/>), a fixed linear decoder to logits, the summed cross-entropy
/// (<see cref="SummedBinaryCrossEntropyFromLogits"/>) and the <see cref="KlDivergence"/> term.
/// d(BCE sum + KL)/d[mean | logvar] must match central differences of the same loss in double,
/// over random batch and latent sizes with their edges (1, 2, the training batch 128 and one past it,
/// the default latent 20).
/// </summary>
public class VaeTrainingLossGradientTests
{
    private static readonly int[] EdgeBatches = [1, 2, 128, 129];
    private static readonly int[] EdgeLatents = [1, 2, 20];

    [Property(MaxTest = 60)]
    public void GradientsOfMeanAndLogvarMatchCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 606);
        var batch = Pick(ref rng, EdgeBatches, 64);
        var latent = Pick(ref rng, EdgeLatents, 32);
        var pixels = 1 + rng.NextInt(24);
        var threads = 1 + rng.NextInt(2);

        // a: [batch, 2 latent], rows [mean | logvar]; eps: [batch, latent]; w: [pixels, latent]; t: [batch, pixels]
        var a = new float[batch * 2 * latent];
        for (var n = 0; n < batch; n++)
        {
            LayerCheck.Random(ref rng, latent, -2, 2).CopyTo(a, n * 2 * latent);
            LayerCheck.Random(ref rng, latent, -3, 2).CopyTo(a, (n * 2 * latent) + latent);
        }

        var eps = LayerCheck.Random(ref rng, batch * latent, -2.5, 2.5);
        // Scaled so that the logits stay where a trained decoder's are, whatever the latent size.
        var w = LayerCheck.Random(ref rng, pixels * latent, -2 / Math.Sqrt(latent), 2 / Math.Sqrt(latent));
        var t = LayerCheck.Random(ref rng, batch * pixels, 0, 1);

        var sampler = new GaussianSampleLayer(latent) { DrawNoise = false };
        eps.CopyTo(sampler.Noise(batch));
        var kl = new KlDivergence(latent);
        var bce = new SummedBinaryCrossEntropyFromLogits(pixels);

        var z = new float[batch * latent];
        sampler.Forward(a, [], batch, training: true, threads, z, default);
        var logits = Decode(z, w, batch, latent, pixels);
        var dlogits = new float[logits.Length];
        var loss = bce.ForwardBackward(logits, t, logits.Length, threads, dlogits) + kl.Forward(a, batch, training: true);

        var da = new float[a.Length];
        kl.Backward(a, batch, da);
        sampler.Backward(a, z, DecodeBackward(dlogits, w, batch, latent, pixels), [], batch, threads, [], da, default, dParametersAreZero: false, dxIsZero: false);

        var ad = LayerCheck.ToDouble(a);
        double[] ed = LayerCheck.ToDouble(eps), wd = LayerCheck.ToDouble(w), td = LayerCheck.ToDouble(t);
        double Sum() => SumOfImageLosses(ad, ed, wd, td, batch, latent, pixels);
        LayerCheck.Close(loss * batch, Sum(), 1e-5 * Math.Sqrt(batch * pixels), "loss summed over the batch (float sums)");

        // The gradient of the sum over images (batch x the mean's), so that a batch of 129 is held to
        // the same tolerance as a batch of 1.
        var scaled = Array.ConvertAll(da, g => g * batch);
        LayerCheck.Gradient(scaled, ad, Sum, ref rng, 24, $"d[mean | logvar] (batch {batch}, latent {latent}, pixels {pixels})");
    }

    // Half the cases at an edge, half anywhere in [1, max].
    private static int Pick(ref Xoshiro256 rng, int[] edges, int max) =>
        rng.NextInt(2) == 0 ? edges[rng.NextInt(edges.Length)] : 1 + rng.NextInt(max);

    // logits = z w^T. z: [batch, latent], w: [pixels, latent], returns [batch, pixels]
    private static float[] Decode(float[] z, float[] w, int batch, int latent, int pixels)
    {
        var logits = new float[batch * pixels];
        for (var n = 0; n < batch; n++)
        {
            for (var p = 0; p < pixels; p++)
            {
                var s = 0f;
                for (var j = 0; j < latent; j++)
                {
                    s += z[(n * latent) + j] * w[(p * latent) + j];
                }

                logits[(n * pixels) + p] = s;
            }
        }

        return logits;
    }

    // dz = dlogits w. dlogits: [batch, pixels], w: [pixels, latent], returns [batch, latent]
    private static float[] DecodeBackward(float[] dlogits, float[] w, int batch, int latent, int pixels)
    {
        var dz = new float[batch * latent];
        for (var n = 0; n < batch; n++)
        {
            for (var p = 0; p < pixels; p++)
            {
                for (var j = 0; j < latent; j++)
                {
                    dz[(n * latent) + j] += dlogits[(n * pixels) + p] * w[(p * latent) + j];
                }
            }
        }

        return dz;
    }

    // Straight from the definitions, in double: z = mean + eps exp(logvar / 2), logits = z w^T,
    // BCE of sigmoid(logits) summed over the pixels, KL = -1/2 sum(1 + logvar - mean^2 - exp(logvar)).
    private static double SumOfImageLosses(double[] a, double[] eps, double[] w, double[] t, int batch, int latent, int pixels)
    {
        double total = 0;
        var z = new double[latent];
        for (var n = 0; n < batch; n++)
        {
            for (var j = 0; j < latent; j++)
            {
                double mean = a[(n * 2 * latent) + j], logvar = a[(n * 2 * latent) + latent + j];
                z[j] = mean + (eps[(n * latent) + j] * Math.Exp(logvar / 2));
                total -= 0.5 * (1 + logvar - (mean * mean) - Math.Exp(logvar));
            }

            for (var p = 0; p < pixels; p++)
            {
                double logit = 0;
                for (var j = 0; j < latent; j++)
                {
                    logit += z[j] * w[(p * latent) + j];
                }

                // -t log(sigmoid(l)) - (1 - t) log(1 - sigmoid(l)), rearranged so that neither log overflows.
                total += Math.Max(logit, 0) - (logit * t[(n * pixels) + p]) + Math.Log(1 + Math.Exp(-Math.Abs(logit)));
            }
        }

        return total;
    }
}
