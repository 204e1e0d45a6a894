using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// An independent double-precision implementation of the training loss (forward only, naive loops,
/// written from Keras 2.0's formulas: BCE with the prediction clipped to [1e-7, 1 - 1e-7] or MSE, both
/// the mean over every element; the activity penalty summed over the batch; L2 weight decay on the
/// weights only), used as the oracle for gradient checks.
/// </summary>
internal static class ReferenceModel
{
    // parameters: flat layout of Autoencoder; x: [batch, in]; t: [batch, out]
    public static double Loss(AutoencoderOptions options, double[] parameters, double[] x, double[] t, int batch)
    {
        var sizes = options.LayerSizes;
        var layers = sizes.Count - 1;
        var codeLayer = options.ResolvedCodeLayer;
        var a = x;
        var offset = 0;
        double penalty = 0;
        double[] z = [];
        for (var l = 0; l < layers; l++)
        {
            int fanIn = sizes[l], fanOut = sizes[l + 1];
            z = new double[batch * fanOut];
            var next = new double[batch * fanOut];
            var activation = l == layers - 1 ? options.OutputActivation : options.HiddenActivation;
            for (var r = 0; r < batch; r++)
            {
                for (var j = 0; j < fanOut; j++)
                {
                    var s = parameters[offset + fanOut * fanIn + j];
                    for (var i = 0; i < fanIn; i++)
                    {
                        s += a[r * fanIn + i] * parameters[offset + j * fanIn + i];
                    }

                    z[r * fanOut + j] = s;
                    next[r * fanOut + j] = Activate(activation, s);
                }
            }

            if (options.WeightDecay != 0f)
            {
                for (var i = 0; i < fanOut * fanIn; i++)
                {
                    penalty += options.WeightDecay * parameters[offset + i] * parameters[offset + i];
                }
            }

            if (l == codeLayer && options.CodeRegularizer.IsActive)
            {
                var reg = options.CodeRegularizer;
                double sum = 0;
                foreach (var v in next)
                {
                    sum += reg.L1 * Math.Abs(v) + reg.L2 * v * v;
                }

                penalty += reg.PerSample ? sum / batch : sum;
            }

            offset += fanOut * (fanIn + 1);
            a = next;
        }

        double loss = 0;
        var limit = (double)BinaryCrossEntropy.LogitLimit;
        for (var i = 0; i < a.Length; i++)
        {
            if (options.Loss == Losses.Loss.BinaryCrossEntropy)
            {
                // Keras: clip the prediction, then cross-entropy.
                var p = 1.0 / (1.0 + Math.Exp(-Math.Clamp(z[i], -limit, limit)));
                loss -= t[i] * Math.Log(p) + (1 - t[i]) * Math.Log(1 - p);
            }
            else
            {
                loss += (a[i] - t[i]) * (a[i] - t[i]);
            }
        }

        return loss / a.Length + penalty;
    }

    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Linear => z,
        Activation.Relu => Math.Max(z, 0),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.LeakyRelu => z > 0 ? z : ActivationFunctions.LeakyReluSlope * z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>Central difference of the loss in parameter i, in double.</summary>
    public static double NumericGradient(AutoencoderOptions options, double[] parameters, double[] x, double[] t, int batch, int i, double h = 1e-5)
    {
        var saved = parameters[i];
        parameters[i] = saved + h;
        var plus = Loss(options, parameters, x, t, batch);
        parameters[i] = saved - h;
        var minus = Loss(options, parameters, x, t, batch);
        parameters[i] = saved;
        return (plus - minus) / (2 * h);
    }
}
