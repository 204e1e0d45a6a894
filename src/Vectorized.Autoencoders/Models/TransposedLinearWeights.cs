using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// Each linear step's weights transposed to [in, out] (in the column panels of
/// <see cref="TransposedWeightsGemv.Pack"/>), made from one version of a model's parameters:
/// what an inference pass reads (<see cref="TransposedWeightsGemv"/>) instead of transposing the
/// weights on every call. Never changed once built, so concurrent inference calls share it; a
/// model makes a new one when its parameters have changed (<see cref="Version"/>).
/// </summary>
internal sealed class TransposedLinearWeights
{
    private TransposedLinearWeights(long version, float[]?[] byStep) => (Version, ByStep) = (version, byStep);

    /// <summary>The parameter version these were made from.</summary>
    public long Version { get; }

    /// <summary>W^T [in, out], in column panels, of each step of the network, or null where the step is not a linear layer.</summary>
    public float[]?[] ByStep { get; }

    public static TransposedLinearWeights Build(Network network, float[] parameters, long version)
    {
        var steps = network.Steps;
        var byStep = new float[]?[steps.Length];
        for (var s = 0; s < steps.Length; s++)
        {
            if (steps[s].Layer is LinearLayer linear)
            {
                var weights = parameters.AsSpan(network.ParameterOffsets[steps[s].First], linear.OutputSize * linear.InputSize);
                var transposed = new float[weights.Length];
                TransposedWeightsGemv.Pack(weights, linear.OutputSize, linear.InputSize, transposed);
                byStep[s] = transposed;
            }
        }

        return new TransposedLinearWeights(version, byStep);
    }
}
