namespace Vectorized.Autoencoders.Tsne;

/// <summary>The outcome of a t-SNE run.</summary>
/// <param name="Embedding">The map, row-major [points, 2].</param>
/// <param name="Points">Number of embedded points.</param>
/// <param name="KlDivergence">KL(P || Q) at the final map, Q from the Barnes-Hut estimate of Z (exact when theta = 0).</param>
/// <param name="Seconds">Wall time of the whole run (neighbours, calibration, initialisation, optimisation).</param>
/// <param name="NeighborSeconds">Of which: exact k-nearest-neighbour search.</param>
/// <param name="OptimizationSeconds">Of which: gradient descent.</param>
public sealed record TsneResult(
    float[] Embedding, int Points, double KlDivergence, double Seconds, double NeighborSeconds, double OptimizationSeconds);
