using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The architecture of an autoencoder: a stack of dense layers whose sizes are <see cref="LayerSizes"/>
/// (input first, reconstruction last), with the code at the output of layer <see cref="CodeLayer"/>.
/// The article's models are the presets <see cref="Deep"/>, <see cref="Shallow"/>, <see cref="Sparse"/>.
/// </summary>
public sealed record AutoencoderOptions
{
    /// <summary>MNIST's 28 x 28 pixels.</summary>
    public const int MnistInputSize = 784;

    /// <summary>The article's code size.</summary>
    public const int ArticleCodeSize = 32;

    /// <summary>The article's sparse model: L1 activity regularizer of 1e-5 on the code (Keras 2.0 summed form).</summary>
    public const float ArticleSparseL1 = 1e-5f;

    /// <summary>The widest layer <see cref="Validate"/> accepts.</summary>
    public const int MaxLayerSize = 1 << 20;

    /// <summary>The deep model: 784-128-32-128-784, relu inside, sigmoid output.</summary>
    public static AutoencoderOptions Deep { get; } = new() { LayerSizes = [MnistInputSize, 128, ArticleCodeSize, 128, MnistInputSize] };

    /// <summary>The shallow model: 784-32-784, relu code, sigmoid output.</summary>
    public static AutoencoderOptions Shallow { get; } = new() { LayerSizes = [MnistInputSize, ArticleCodeSize, MnistInputSize] };

    /// <summary>The shallow model with the article's L1 activity regularizer on the code.</summary>
    public static AutoencoderOptions Sparse { get; } = Shallow with { CodeRegularizer = new ActivityRegularizer(ArticleSparseL1) };

    /// <summary>
    /// PyTorch's examples/vae: 784-400 encoder to a 20-dimensional Gaussian latent, 20-400-784 decoder,
    /// relu inside, sigmoid output, PyTorch's default nn.Linear initialization.
    /// </summary>
    public static AutoencoderOptions Variational { get; } = new()
    {
        LayerSizes = [MnistInputSize, 400],
        LatentSize = 20,
        Initializer = Initializer.TorchUniform,
    };

    /// <summary>
    /// The Keras blog's convolutional autoencoder, as <c>pytorch_convae.py --arch small</c> builds it:
    /// conv 1->16, pool, conv 16->8, pool, conv 8->8, pool (a 4x4x8 code), then conv 8->8, up, conv 8->8,
    /// up, conv 8->16 valid, up, conv 16->1; 3x3 kernels, relu inside, sigmoid output, Glorot-uniform
    /// weights, zero biases, binary cross-entropy averaged per pixel (PyTorch's, without Keras' clip).
    /// </summary>
    public static AutoencoderOptions Convolutional { get; } = new()
    {
        LayerSizes = [MnistInputSize, MnistInputSize],
        Convolution = ConvolutionalArchitecture.Small,
    };

    /// <summary>
    /// The blog's convolutional denoiser (<c>pytorch_convae.py --arch denoise</c>): conv 1->32, pool,
    /// conv 32->32, pool (a 7x7x32 code), conv 32->32, up, conv 32->32, up, conv 32->1; otherwise as
    /// <see cref="Convolutional"/>.
    /// </summary>
    public static AutoencoderOptions ConvolutionalDenoising { get; } = Convolutional with { Convolution = ConvolutionalArchitecture.Denoising };

    /// <summary>Which convolutional model this is; None for dense and variational models.</summary>
    internal ConvolutionalArchitecture Convolution { get; init; }

    /// <summary>
    /// Whether the model is one of the convolutional presets (28x28 one-channel images; its
    /// <see cref="LayerSizes"/> are only the input and output sizes).
    /// </summary>
    public bool IsConvolutional => Convolution != ConvolutionalArchitecture.None;

    /// <summary>
    /// 0 for a plain autoencoder. Otherwise the model is variational: <see cref="LayerSizes"/> is the
    /// encoder (input first), whose last layer feeds a linear layer to the latent mean and log-variance
    /// (each of this size), a sampled latent, and a decoder that mirrors the encoder; the loss is binary
    /// cross-entropy summed over each image's values plus the KL divergence, averaged over the batch.
    /// </summary>
    public int LatentSize { get; init; }

    /// <summary>Whether the model is a variational autoencoder (<see cref="LatentSize"/> above 0).</summary>
    public bool IsVariational => LatentSize > 0;

    /// <summary>Sizes from input to output, e.g. [784, 128, 32, 128, 784]; at least two.</summary>
    public IReadOnlyList<int> LayerSizes { get; init; } = [MnistInputSize, ArticleCodeSize, MnistInputSize];

    public Activation HiddenActivation { get; init; } = Activation.Relu;

    public Activation OutputActivation { get; init; } = Activation.Sigmoid;

    /// <summary>The layer (0-based) whose output is the code; -1 picks the narrowest layer.</summary>
    public int CodeLayer { get; init; } = -1;

    public Loss Loss { get; init; } = Loss.BinaryCrossEntropy;

    /// <summary>Penalty on the code layer's output (the sparse autoencoder).</summary>
    public ActivityRegularizer CodeRegularizer { get; init; }

    /// <summary>L2 weight decay: lambda * sum W^2 over all weight matrices (not biases) is added to the loss.</summary>
    public float WeightDecay { get; init; }

    public Initializer Initializer { get; init; } = Initializer.GlorotUniform;

    /// <summary>Number of dense layers.</summary>
    public int LayerCount => LayerSizes.Count - 1;

    /// <summary>The code layer with -1 resolved: the first layer of the smallest output size.</summary>
    public int ResolvedCodeLayer
    {
        get
        {
            if (CodeLayer >= 0)
            {
                return CodeLayer;
            }

            var best = 0;
            for (var l = 1; l < LayerCount; l++)
            {
                if (LayerSizes[l + 1] < LayerSizes[best + 1])
                {
                    best = l;
                }
            }

            return best;
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a readable reason when the options cannot make a model.</summary>
    public void Validate()
    {
        if (LayerSizes.Count < 2)
        {
            throw new ArgumentException("An autoencoder needs at least an input and an output size.");
        }

        foreach (var size in LayerSizes)
        {
            if (size <= 0 || size > MaxLayerSize)
            {
                throw new ArgumentException($"Layer size {size} is out of range (1 to {MaxLayerSize}).");
            }
        }

        if (CodeLayer < -1 || CodeLayer >= LayerCount)
        {
            throw new ArgumentException($"Code layer {CodeLayer} is not a layer of this {LayerCount}-layer model.");
        }

        if (LatentSize < 0 || LatentSize > 1 << 20)
        {
            throw new ArgumentException($"Latent size {LatentSize} is out of range (0 to 1048576).");
        }

        if (IsVariational && (Loss != Loss.BinaryCrossEntropy || CodeRegularizer.IsActive))
        {
            throw new ArgumentException("A variational autoencoder has its own loss: binary cross-entropy plus KL, no code penalty.");
        }

        if (IsConvolutional && (LayerSizes.Count != 2 || LayerSizes[0] != MnistInputSize || LayerSizes[1] != MnistInputSize
            || IsVariational || Loss != Loss.BinaryCrossEntropy || CodeRegularizer.IsActive || WeightDecay != 0f
            || HiddenActivation != Activation.Relu || Initializer != Initializer.GlorotUniform))
        {
            throw new ArgumentException("A convolutional autoencoder is fixed: 28x28 images, relu, sigmoid output, binary cross-entropy, Glorot-uniform weights, no penalty or weight decay.");
        }

        if (Loss == Loss.BinaryCrossEntropy && OutputActivation != Activation.Sigmoid)
        {
            throw new ArgumentException("Binary cross-entropy needs a sigmoid output activation.");
        }

        if (!float.IsFinite(WeightDecay) || WeightDecay < 0f || !float.IsFinite(CodeRegularizer.L1) || CodeRegularizer.L1 < 0f || !float.IsFinite(CodeRegularizer.L2) || CodeRegularizer.L2 < 0f)
        {
            throw new ArgumentException("Regularizer strengths must be finite and non-negative.");
        }
    }

    public bool Equals(AutoencoderOptions? other) =>
        other is not null && LayerSizes.SequenceEqual(other.LayerSizes) && HiddenActivation == other.HiddenActivation
        && OutputActivation == other.OutputActivation && ResolvedCodeLayer == other.ResolvedCodeLayer && Loss == other.Loss
        && CodeRegularizer == other.CodeRegularizer && WeightDecay == other.WeightDecay && Initializer == other.Initializer
        && LatentSize == other.LatentSize && Convolution == other.Convolution;

    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(LayerSizes.Count, HiddenActivation, OutputActivation, ResolvedCodeLayer, Loss, CodeRegularizer, WeightDecay, Initializer), LatentSize, Convolution);
}
