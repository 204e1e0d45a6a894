namespace Vectorized.Autoencoders.Losses;

/// <summary>The reconstruction loss, averaged over every element of the batch (Keras semantics).</summary>
public enum Loss
{
    /// <summary>Keras' binary_crossentropy on a sigmoid output, computed from the logits.</summary>
    BinaryCrossEntropy,

    /// <summary>Mean of (prediction - target)^2.</summary>
    MeanSquaredError,
}
