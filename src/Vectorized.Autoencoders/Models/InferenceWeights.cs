using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// Each step's weights in the layout its inference pass reads (<see cref="IPreparedInference"/>: a
/// linear layer's W^T in column panels, a wide convolution's channel blocks), made from one version
/// of a model's parameters, so that no call lays them out again. Never changed once built, so
/// concurrent inference calls share it; a model makes a new one when its parameters have changed
/// (<see cref="Version"/>).
/// </summary>
internal sealed class InferenceWeights
{
    private InferenceWeights(long version, float[]?[] byStep) => (Version, ByStep) = (version, byStep);

    /// <summary>The parameter version these were made from.</summary>
    public long Version { get; }

    /// <summary>Each step's prepared weights, or null where the step reads its parameters as they are.</summary>
    public float[]?[] ByStep { get; }

    public static InferenceWeights Build(Network network, float[] parameters, long version)
    {
        var steps = network.Steps;
        var byStep = new float[]?[steps.Length];
        for (var s = 0; s < steps.Length; s++)
        {
            if (steps[s].Layer is IPreparedInference layer)
            {
                byStep[s] = layer.PrepareInference(parameters.AsSpan(network.ParameterOffsets[steps[s].First], steps[s].Layer.ParameterCount));
            }
        }

        return new InferenceWeights(version, byStep);
    }
}
