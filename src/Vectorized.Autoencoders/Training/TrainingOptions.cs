using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Optimizers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Training;

/// <summary>How to train; defaults are Keras' <c>fit</c> defaults and the article's recipe, declared once here.</summary>
public sealed record TrainingOptions
{
    /// <summary>Keras' default mini-batch size, used by the article.</summary>
    public const int DefaultBatchSize = Autoencoder.DefaultBatchSize;

    /// <summary>The article's noise factor for the denoising autoencoder.</summary>
    public const float ArticleNoiseStd = 0.4f;

    /// <summary>Batches between two progress reports.</summary>
    public const int DefaultProgressInterval = 100;

    public int Epochs { get; init; } = 1;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Reshuffle the training set every epoch (Keras' default).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seeds the shuffle and the noise. The model's initial weights have their own seed (Autoencoder.Create).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Where the per-epoch batch order comes from. With <see cref="RandomStreams.PyTorch"/> it is
    /// <c>torch.randperm</c> from PyTorch's generator seeded by <see cref="Seed"/> and advanced past the
    /// model's PyTorch initialization, as in the peer script: create the model with
    /// <c>Autoencoder.Create(options, Seed, RandomStreams.PyTorch, NoiseStd)</c> to replay a PyTorch run.
    /// The noise of <see cref="NoiseStd"/> always comes from the engine's own stream (a convolutional
    /// run with noise skips the draws the peer spends on its own). A variational model also draws each
    /// batch's eps, and the eps of the pass over <see cref="Validation"/> after each epoch (in batches of
    /// <see cref="BatchSize"/>), from that generator, as <c>pytorch_vae.py</c> does; every batch must then
    /// hold at least 16 latent values.
    /// </summary>
    public RandomStreams Streams { get; init; } = RandomStreams.Vecae;

    /// <summary>Worker threads; results are bitwise identical for any value.</summary>
    public int Threads { get; init; } = 1;

    public Optimizer Optimizer { get; init; } = Optimizer.Adam;

    public AdamOptions Adam { get; init; } = new();

    /// <summary>Learning rate of SGD (Adam's is in <see cref="Adam"/>).</summary>
    public float SgdLearningRate { get; init; } = Sgd.DefaultLearningRate;

    public float SgdMomentum { get; init; } = Sgd.DefaultMomentum;

    /// <summary>Standard deviation of the Gaussian noise added to inputs (0 = none); the target stays clean.</summary>
    public float NoiseStd { get; init; }

    /// <summary>Evaluated after every epoch when set (Keras' validation_data).</summary>
    public ISampleSource? Validation { get; init; }

    public int ProgressInterval { get; init; } = DefaultProgressInterval;

    public void Validate()
    {
        if (Epochs < 0 || BatchSize < 1 || Threads < 1 || ProgressInterval < 1)
        {
            throw new ArgumentException("Epochs must be >= 0; batch size, threads and progress interval >= 1.");
        }

        if (Streams is not (RandomStreams.Vecae or RandomStreams.PyTorch))
        {
            throw new ArgumentException($"Unknown random streams {Streams}.");
        }

        if (!float.IsFinite(NoiseStd) || NoiseStd < 0f)
        {
            throw new ArgumentException("Noise std must be finite and non-negative.");
        }

        if (!(Adam.LearningRate > 0f) || !(SgdLearningRate > 0f) || !float.IsFinite(Adam.LearningRate))
        {
            throw new ArgumentException("Learning rates must be positive.");
        }
    }
}
