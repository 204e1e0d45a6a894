namespace Vectorized.Autoencoders.Layers;

/// <summary>How a dense layer's weights start. Biases always start at zero (Keras' default).</summary>
public enum Initializer
{
    /// <summary>U(-l, l), l = sqrt(6 / (fanIn + fanOut)): Keras' default, and what the article's numbers need.</summary>
    GlorotUniform,

    /// <summary>N(0, 2 / (fanIn + fanOut)).</summary>
    GlorotNormal,

    /// <summary>U(-l, l), l = sqrt(6 / fanIn): suits relu layers.</summary>
    HeUniform,

    /// <summary>N(0, 2 / fanIn).</summary>
    HeNormal,

    /// <summary>U(-l, l), l = 1 / sqrt(fanIn): PyTorch's nn.Linear default.</summary>
    TorchUniform,
}
