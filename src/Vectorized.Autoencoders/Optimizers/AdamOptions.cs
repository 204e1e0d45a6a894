namespace Vectorized.Autoencoders.Optimizers;

/// <summary>Adam's hyper-parameters; the defaults are Keras' (the article's) and are declared only here.</summary>
public sealed record AdamOptions
{
    public const float DefaultLearningRate = 1e-3f;
    public const float DefaultBeta1 = 0.9f;
    public const float DefaultBeta2 = 0.999f;

    /// <summary>Keras' epsilon (PyTorch's default is 1e-8; the article's numbers need Keras').</summary>
    public const float DefaultEpsilon = 1e-7f;

    public float LearningRate { get; init; } = DefaultLearningRate;

    public float Beta1 { get; init; } = DefaultBeta1;

    public float Beta2 { get; init; } = DefaultBeta2;

    public float Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>Which side of the bias corrections epsilon sits on: Keras' (the default, the article's) or PyTorch's.</summary>
    public AdamForm Form { get; init; } = AdamForm.Keras;
}
