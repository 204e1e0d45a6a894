using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;

namespace Vectorized.Autoencoders.Models;

/// <summary>The model's forward, loss and backward over one batch, on a preallocated <see cref="Workspace"/>.</summary>
internal static class ModelPass
{
    /// <summary>
    /// Runs layers [first, last] on <paramref name="input"/>. Training skips the output layer's
    /// activation when the loss fuses it (BCE reads the logits in PreActivation).
    /// </summary>
    // input: [batch, LayerSizes[first]]
    public static void Forward(Autoencoder model, Workspace ws, ReadOnlySpan<float> input, int batch, int first, int last, int threads, bool skipFusedOutputActivation = false)
    {
        var parameters = model.Parameters;
        for (var l = first; l <= last; l++)
        {
            var layer = model.Layers[l];
            var x = l == first ? input : ws.Output[l - 1].AsSpan(0, batch * layer.InputSize);
            var z = ws.PreActivation[l].AsSpan(0, batch * layer.OutputSize);
            Dense.DenseForward(
                x,
                parameters.AsSpan(layer.ParameterOffset, layer.OutputSize * layer.InputSize),
                parameters.AsSpan(layer.ParameterOffset + layer.OutputSize * layer.InputSize, layer.OutputSize),
                batch, layer.InputSize, layer.OutputSize, threads, z);
            if (!(skipFusedOutputActivation && l == model.Layers.Count - 1))
            {
                ActivationFunctions.Forward(layer.Activation, z, ws.Output[l].AsSpan(0, z.Length));
            }
        }
    }

    /// <summary>The mean reconstruction loss over the batch's elements (no gradient).</summary>
    public static double LossMean(Autoencoder model, Workspace ws, int batch, int threads)
    {
        var last = model.Layers.Count - 1;
        var n = batch * model.Layers[last].OutputSize;
        var target = ws.Target.AsSpan(0, n);
        return model.Options.Loss == Loss.BinaryCrossEntropy
            ? ParallelBinaryCrossEntropy.Mean(ws.PreActivation[last], ws.Target, n, threads)
            : MeanSquaredError.Sum(ws.Output[last].AsSpan(0, n), target) / n;
    }

    /// <summary>
    /// Forward, loss and backward of one batch: the gradients are overwritten with
    /// dLoss/dparameters. Returns the batch loss: mean reconstruction loss + code penalty + weight decay.
    /// </summary>
    public static double ForwardBackward(Autoencoder model, Workspace ws, int batch, int threads, Span<float> gradients)
    {
        var options = model.Options;
        var layers = model.Layers;
        var last = layers.Count - 1;
        var bce = options.Loss == Loss.BinaryCrossEntropy;
        var code = model.CodeLayer;
        var regularize = options.CodeRegularizer.IsActive;
        // The fused BCE reads logits; the sigmoid output itself is only needed when the code is the output.
        var outputPenalized = regularize && code == last;
        Forward(model, ws, ws.Input.AsSpan(0, batch * layers[0].InputSize), batch, 0, last, threads, skipFusedOutputActivation: bce && !outputPenalized);

        for (var l = 0; l <= last; l++)
        {
            ws.OutputGradient[l].AsSpan(0, batch * layers[l].OutputSize).Clear();
        }

        var n = batch * layers[last].OutputSize;
        var scale = 1f / n;
        var target = ws.Target.AsSpan(0, n);
        var dzLast = ws.PreActivationGradient[last].AsSpan(0, n);
        var daLast = ws.OutputGradient[last].AsSpan(0, n);
        var loss = bce
            ? ParallelBinaryCrossEntropy.ForwardBackward(ws.PreActivation[last], ws.Target, ws.PreActivationGradient[last], n, threads)
            : MeanSquaredError.ForwardBackward(ws.Output[last].AsSpan(0, n), target, scale, daLast) / n;

        if (regularize)
        {
            var m = batch * layers[code].OutputSize;
            loss += options.CodeRegularizer.ForwardBackward(ws.Output[code].AsSpan(0, m), batch, ws.OutputGradient[code].AsSpan(0, m));
        }

        if (!bce)
        {
            ActivationFunctions.Backward(layers[last].Activation, ws.Output[last].AsSpan(0, n), daLast, dzLast);
        }
        else if (outputPenalized)
        {
            // dz already holds the fused BCE gradient; add the penalty's gradient through the sigmoid.
            ActivationFunctions.Backward(layers[last].Activation, ws.Output[last].AsSpan(0, n), daLast, daLast);
            ElementWise.Add(dzLast, daLast, dzLast);
        }

        var parameters = model.Parameters;
        for (var l = last; l >= 0; l--)
        {
            var layer = layers[l];
            var m = batch * layer.OutputSize;
            if (l != last)
            {
                ActivationFunctions.Backward(layer.Activation, ws.Output[l].AsSpan(0, m), ws.OutputGradient[l].AsSpan(0, m), ws.PreActivationGradient[l].AsSpan(0, m));
            }

            var weightCount = layer.OutputSize * layer.InputSize;
            Dense.DenseBackward(
                ws.PreActivationGradient[l].AsSpan(0, m),
                l == 0 ? ws.Input.AsSpan(0, batch * layer.InputSize) : ws.Output[l - 1].AsSpan(0, batch * layer.InputSize),
                parameters.AsSpan(layer.ParameterOffset, weightCount),
                batch, layer.InputSize, layer.OutputSize, threads,
                gradients.Slice(layer.ParameterOffset, weightCount),
                gradients.Slice(layer.ParameterOffset + weightCount, layer.OutputSize),
                l == 0 ? [] : ws.OutputGradient[l - 1].AsSpan(0, batch * layer.InputSize),
                accumulateParameterGradients: false);
        }

        if (options.WeightDecay != 0f)
        {
            loss += WeightDecay(model, options.WeightDecay, gradients);
        }

        return loss;
    }

    /// <summary>Adds lambda * sum W^2 (weights only) to the loss and 2 lambda W to the gradients.</summary>
    private static double WeightDecay(Autoencoder model, float lambda, Span<float> gradients)
    {
        var sum = 0.0;
        var parameters = model.Parameters;
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var layer = model.Layers[l];
            var count = layer.OutputSize * layer.InputSize;
            var w = parameters.AsSpan(layer.ParameterOffset, count);
            var g = gradients.Slice(layer.ParameterOffset, count);
            for (var i = 0; i < w.Length; i++)
            {
                sum += w[i] * w[i];
                g[i] += 2f * lambda * w[i];
            }
        }

        return lambda * sum;
    }
}
