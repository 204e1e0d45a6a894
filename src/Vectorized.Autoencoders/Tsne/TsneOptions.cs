namespace Vectorized.Autoencoders.Tsne;

/// <summary>How the embedding starts.</summary>
public enum TsneInitialization
{
    /// <summary>The first two principal components, scaled to standard deviation 1e-4 (scikit-learn's 'pca').</summary>
    Pca = 0,

    /// <summary>Gaussian noise with standard deviation 1e-4 drawn from <see cref="TsneOptions.Seed"/>.</summary>
    Random = 1,
}

/// <summary>
/// Settings of a Barnes-Hut t-SNE run. The defaults are the schedule scikit-learn, bhtsne and
/// openTSNE agree on; each is declared once as a constant so tests and the CLI share it.
/// </summary>
public sealed record TsneOptions
{
    public const double DefaultPerplexity = 30.0;
    public const int DefaultIterations = 1000;
    public const float DefaultTheta = 0.5f;
    public const float DefaultEarlyExaggeration = 12f;
    public const int DefaultExaggerationIterations = 250;
    public const float DefaultInitialMomentum = 0.5f;
    public const float DefaultFinalMomentum = 0.8f;
    public const float DefaultGainIncrease = 0.2f;
    public const float DefaultGainDecay = 0.8f;
    public const float DefaultMinGain = 0.01f;
    public const float DefaultInitialStandardDeviation = 1e-4f;
    public const float DefaultMinLearningRate = 50f;

    /// <summary>Neighbours per point in the sparse input similarities: k = NeighborsPerPerplexity x perplexity.</summary>
    public const double NeighborsPerPerplexity = 3.0;

    public const int DefaultSeed = 0;

    /// <summary>Effective number of neighbours each point's Gaussian is calibrated to.</summary>
    public double Perplexity { get; init; } = DefaultPerplexity;

    /// <summary>Gradient-descent iterations in total, including the exaggeration phase.</summary>
    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>Barnes-Hut accuracy: a cell of width w at distance d is summarised when w / d &lt; theta (0 = exact).</summary>
    public float Theta { get; init; } = DefaultTheta;

    /// <summary>Factor on P during the first <see cref="EffectiveExaggerationIterations"/> iterations.</summary>
    public float EarlyExaggeration { get; init; } = DefaultEarlyExaggeration;

    /// <summary>
    /// Iterations of the exaggeration phase. Null means <see cref="DefaultExaggerationIterations"/>, but at most
    /// the default schedule's quarter of <see cref="Iterations"/>: exaggeration pulls the whole map together, and
    /// only the iterations after it spread it out again, so a short run spent exaggerating ends collapsed.
    /// </summary>
    public int? ExaggerationIterations { get; init; }

    /// <summary>The iterations the exaggeration phase (and the initial momentum) lasts.</summary>
    public int EffectiveExaggerationIterations =>
        ExaggerationIterations ?? (int)Math.Min(DefaultExaggerationIterations, (long)Iterations * DefaultExaggerationIterations / DefaultIterations);

    /// <summary>Momentum during the exaggeration phase.</summary>
    public float InitialMomentum { get; init; } = DefaultInitialMomentum;

    /// <summary>Momentum after the exaggeration phase.</summary>
    public float FinalMomentum { get; init; } = DefaultFinalMomentum;

    /// <summary>
    /// Step size for the gradient without the constant factor 4 (bhtsne/openTSNE convention). Null
    /// means max(N / early exaggeration, 50): the same steps as scikit-learn's 'auto'
    /// (max(N / 12 / 4, 50) with the factor 4 in its gradient).
    /// </summary>
    public float? LearningRate { get; init; }

    public TsneInitialization Initialization { get; init; } = TsneInitialization.Pca;

    /// <summary>Seeds the random initialisation; PCA initialisation does not draw random numbers.</summary>
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>Upper bound on worker threads; the result is bitwise identical for any value.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Neighbours per point in the input similarities: min(N - 1, floor(3 x perplexity + 1)), as scikit-learn.</summary>
    public int NeighborCount(int points) => Math.Min(points - 1, (int)(NeighborsPerPerplexity * Perplexity + 1.0));

    /// <summary>The learning rate used for <paramref name="points"/> points.</summary>
    public float EffectiveLearningRate(int points) =>
        LearningRate ?? Math.Max(points / EarlyExaggeration, DefaultMinLearningRate);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(int points)
    {
        if (points < 2)
        {
            throw new ArgumentException($"t-SNE needs at least 2 points, got {points}.");
        }

        if (!(Perplexity > 0) || Perplexity >= points)
        {
            throw new ArgumentException($"Perplexity must be in (0, {points}) for {points} points, got {Perplexity}.");
        }

        if (Iterations < 0 || ExaggerationIterations < 0)
        {
            throw new ArgumentException("Iteration counts must not be negative.");
        }

        if (!(Theta >= 0) || !float.IsFinite(Theta))
        {
            throw new ArgumentException($"Theta must be >= 0, got {Theta}.");
        }

        if (LearningRate is { } rate && !(rate > 0))
        {
            throw new ArgumentException($"Learning rate must be > 0, got {rate}.");
        }

        if (Threads < 1)
        {
            throw new ArgumentException($"Threads must be >= 1, got {Threads}.");
        }
    }
}
