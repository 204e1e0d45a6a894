using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// One step of a network's walks: <see cref="Layer"/> reads activation <see cref="First"/> and writes
/// activation <see cref="End"/>, doing the work of the model's layers [First, End).
/// </summary>
internal sealed record NetworkStep(int First, int End, ILayer Layer)
{
    /// <summary>A step for each layer: the walk of a model whose layers run as they are.</summary>
    public static NetworkStep[] OnePerLayer(ILayer[] layers)
    {
        var steps = new NetworkStep[layers.Length];
        for (var i = 0; i < layers.Length; i++)
        {
            steps[i] = new NetworkStep(i, i + 1, layers[i]);
        }

        return steps;
    }
}
