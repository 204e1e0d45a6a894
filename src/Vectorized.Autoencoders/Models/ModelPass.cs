using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The walk of a model's <see cref="Network"/> over one batch on a preallocated <see cref="Workspace"/>:
/// its steps (<see cref="Network.Steps"/>: layers, or a few run as one) forward, the loss, the steps
/// backward in reverse. One gradient convention, llm.c's: the gradients are zeroed once per step and
/// every backward adds to them; an activation gradient whose only writer writes all of it
/// (<see cref="Network.BackwardWritesGradient"/>) is not zeroed.
/// </summary>
internal static class ModelPass
{
    /// <summary>
    /// Runs layers [first, end) on <paramref name="input"/> (both step boundaries), leaving each step's
    /// output in its activation. With <paramref name="prepared"/> (inference, which the caller
    /// decides), a step reads its weights in the layout made for inference (<see cref="IPreparedInference"/>):
    /// the same bits, without laying them out per call.
    /// </summary>
    // input: [batch, network.Width(first)]
    public static void Forward(
        Autoencoder model, Workspace ws, ReadOnlySpan<float> input, int batch, int first, int end, bool training, int threads,
        InferenceWeights? prepared = null)
    {
        var network = model.Network;
        var parameters = model.Parameters;
        var steps = network.Steps;
        for (var s = 0; s < steps.Length; s++)
        {
            var (at, next, layer) = (steps[s].First, steps[s].End, steps[s].Layer);
            if (at < first || next > end)
            {
                continue;
            }

            var x = at == first ? input : ws.Activations[at].AsSpan(0, batch * layer.InputSize);
            var layerParameters = parameters.AsSpan(network.ParameterOffsets[at], layer.ParameterCount);
            var y = ws.Activations[next].AsSpan(0, batch * layer.OutputSize);
            if (prepared?.ByStep[s] is { } weights && layer is IPreparedInference preparedLayer)
            {
                preparedLayer.ForwardPrepared(x, weights, layerParameters, batch, threads, y, ws.Scratch(s));
            }
            else
            {
                layer.Forward(x, layerParameters, batch, training, threads, y, ws.Scratch(s));
            }

            ws.Profile?.Lap(ws.Profile.Forward(s));
        }
    }

    /// <summary>The mean loss of the batch in the workspace and the sum of the loss terms (no gradient).</summary>
    public static double Loss(Autoencoder model, Workspace ws, int batch, int threads, out double terms)
    {
        var network = model.Network;
        Forward(model, ws, ws.Input.AsSpan(0, batch * model.InputSize), batch, 0, network.TrainingDepth, training: false, threads);
        terms = 0.0;
        foreach (var (activation, term) in network.Terms)
        {
            terms += term.Forward(ws.Activations[activation].AsSpan(0, batch * network.Width(activation)), batch, training: false);
        }

        var at = network.LossInput;
        return network.Loss.Forward(ws.Activations[at], ws.LossTarget, batch * network.Width(at), threads);
    }

    /// <summary>
    /// Zeroes the gradients, then forward, loss and backward of one batch: afterwards
    /// <paramref name="gradients"/> holds dLoss/dparameters. Returns the batch loss: the mean
    /// reconstruction loss + the layers' loss terms + weight decay.
    /// </summary>
    // gradients: [model.ParameterCount]
    public static double ForwardBackward(Autoencoder model, Workspace ws, int batch, int threads, Span<float> gradients) =>
        ForwardBackward(model, ws, batch, threads, gradients, gradientsAreZero: false);

    /// <summary>As above; <paramref name="gradientsAreZero"/> says the caller's optimizer already zeroed them as it read them.</summary>
    public static double ForwardBackward(Autoencoder model, Workspace ws, int batch, int threads, Span<float> gradients, bool gradientsAreZero)
    {
        var network = model.Network;
        var depth = network.TrainingDepth;
        if (!gradientsAreZero)
        {
            gradients.Clear();
        }

        for (var i = 1; i <= depth; i++)
        {
            if (network.IsMaterialized(i) && !network.BackwardWritesGradient(i))
            {
                ws.Gradients[i].AsSpan(0, batch * network.Width(i)).Clear();
            }
        }

        ws.Profile?.Lap(StepProfile.ZeroGradients);

        Forward(model, ws, ws.Input.AsSpan(0, batch * model.InputSize), batch, 0, depth, training: true, threads);
        var at = network.LossInput;
        var loss = network.Loss.ForwardBackward(ws.Activations[at], ws.LossTarget, batch * network.Width(at), threads, ws.Gradients[at]);
        foreach (var (activation, term) in network.Terms)
        {
            var n = batch * network.Width(activation);
            loss += term.Forward(ws.Activations[activation].AsSpan(0, n), batch, training: true);
            term.Backward(ws.Activations[activation].AsSpan(0, n), batch, ws.Gradients[activation].AsSpan(0, n));
        }

        ws.Profile?.Lap(ws.Profile.Loss);

        var parameters = model.Parameters;
        var steps = network.Steps;
        for (var s = steps.Length - 1; s >= 0; s--)
        {
            var (i, next, layer) = (steps[s].First, steps[s].End, steps[s].Layer);
            if (next > depth)
            {
                continue;
            }

            var offset = network.ParameterOffsets[i];
            layer.Backward(
                ws.Activations[i].AsSpan(0, batch * layer.InputSize),
                ws.Activations[next].AsSpan(0, batch * layer.OutputSize),
                ws.Gradients[next].AsSpan(0, batch * layer.OutputSize),
                parameters.AsSpan(offset, layer.ParameterCount),
                batch, threads,
                gradients.Slice(offset, layer.ParameterCount),
                i == 0 ? [] : ws.Gradients[i].AsSpan(0, batch * layer.InputSize),
                ws.Scratch(s),
                dParametersAreZero: true,
                dxIsZero: network.NothingAddsBefore(i));
            ws.Profile?.Lap(ws.Profile.Backward(s));
        }

        if (model.Options.WeightDecay != 0f)
        {
            loss += WeightDecay.ForwardBackward(model.Layers, parameters, model.Options.WeightDecay, gradients);
        }

        return loss;
    }
}
