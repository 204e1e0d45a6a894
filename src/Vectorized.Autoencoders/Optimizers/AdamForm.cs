namespace Vectorized.Autoencoders.Optimizers;

/// <summary>
/// Where Adam adds epsilon. Keras and PyTorch apply the same bias corrections but put epsilon on
/// opposite sides of them, so with the same epsilon they take different steps wherever sqrt(v) is
/// near epsilon: in the first few hundred steps, and for weights whose gradients stay tiny (a loss
/// averaged over every pixel makes many of them so).
/// </summary>
public enum AdamForm
{
    /// <summary>Keras 2.0's: p -= lr_t m / (sqrt(v) + eps) with lr_t = lr sqrt(1 - b2^t) / (1 - b1^t). The article's.</summary>
    Keras,

    /// <summary>
    /// PyTorch's torch.optim.Adam: p -= lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps), the
    /// same as Keras' form with eps sqrt(1 - b2^t) in place of eps. The VAE's and convolutional peers'.
    /// </summary>
    PyTorch,
}
