using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// <see cref="RandomStreams.PyTorch"/> at the model's level: where the peer scripts leave PyTorch's
/// generator (<see cref="Mt19937"/>) before their first <c>randperm</c>, and the convolutional peer's
/// (<c>pytorch_convae.py --seed S</c>) initial weights, so that seed S starts from the peer's seed-S
/// weights and batch orders. The dense peer's draws are <see cref="TorchRandom"/>'s.
/// </summary>
internal static class TorchReplay
{
    /// <summary>
    /// The generator as the peer's first <c>randperm</c> finds it, for a dense or convolutional model;
    /// <paramref name="noisy"/>: the run trains on noise, which <c>pytorch_convae.py</c> draws first.
    /// </summary>
    public static Mt19937 AfterInitialization(int seed, AutoencoderOptions options, bool noisy)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsVariational)
        {
            // Every parameter of the peer's nn.Linear modules is one draw, and nothing else draws.
            var afterModules = new Mt19937((uint)seed);
            afterModules.Skip(Autoencoder.CountParameters(options));
            return afterModules;
        }

        if (!options.IsConvolutional)
        {
            return TorchRandom.AfterInitialization(seed, options.LayerSizes);
        }

        var rng = new Mt19937((uint)seed);
        rng.Skip(SetupDraws(options.Convolution, noisy));
        foreach (var g in Convolutions(options.Convolution))
        {
            rng.Skip(g.WeightCount);
        }

        return rng;
    }

    /// <summary>MNIST's training and test sets, on which <c>pytorch_convae.py</c> draws its noise.</summary>
    public const int PeerTrainCount = 60000, PeerTestCount = 10000, PeerImageSize = 784;

    /// <summary>
    /// Draws <c>pytorch_convae.py</c> makes before <c>xavier_uniform_</c>: with noise, <c>randn_like</c>
    /// on the training images, then on the test images; then its modules' constructors, each
    /// <c>nn.Conv2d</c> drawing its weight and its bias (one draw an element). It always builds the
    /// small model's modules first, and then, for <c>--arch denoise</c>, the denoiser's.
    /// </summary>
    public static long SetupDraws(ConvolutionalArchitecture architecture, bool noisy)
    {
        var draws = noisy ? TorchRandom.RandnDraws((long)PeerTrainCount * PeerImageSize) + TorchRandom.RandnDraws((long)PeerTestCount * PeerImageSize) : 0;
        draws += ConstructorDraws(ConvolutionalArchitecture.Small);
        if (architecture != ConvolutionalArchitecture.Small)
        {
            draws += ConstructorDraws(architecture);
        }

        return draws;
    }

    /// <summary>
    /// A convolutional model's weights as the peer's seed gives them: past the set-up's draws,
    /// <c>xavier_uniform_</c> on each convolution's weight in order (fans in and out times the kernel's
    /// area); the biases stay zero.
    /// </summary>
    // parameters: the model's flat buffer, zero
    public static void InitializeConvolutional(int seed, Network network, ConvolutionalArchitecture architecture, bool noisy, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(network);
        var rng = new Mt19937((uint)seed);
        rng.Skip(SetupDraws(architecture, noisy));
        for (var i = 0; i < network.Layers.Length; i++)
        {
            if (network.Layers[i] is Conv2DLayer conv)
            {
                var g = conv.Geometry;
                var field = g.KernelHeight * g.KernelWidth;
                TorchRandom.XavierUniform(rng, g.InChannels * field, g.OutChannels * field, parameters.Slice(network.ParameterOffsets[i], g.WeightCount));
            }
        }
    }

    /// <summary>
    /// Draws of <c>torch.randn_like(mu)</c> over <paramref name="count"/> samples in batches of
    /// <paramref name="batchSize"/>: one call per batch on [rows, latent].
    /// </summary>
    public static long RandnBatchDraws(int count, int batchSize, int latent)
    {
        long draws = 0;
        for (var start = 0; start < count; start += batchSize)
        {
            draws += TorchRandom.RandnDraws((long)Math.Min(batchSize, count - start) * latent);
        }

        return draws;
    }

    /// <summary>
    /// Why PyTorch's streams cannot replay a variational model over <paramref name="count"/> samples in
    /// batches of <paramref name="batchSize"/>, or null: a batch whose eps has fewer than 16 values
    /// takes <c>torch.randn</c>'s scalar path, which is not replayed.
    /// </summary>
    public static string? VariationalBatchProblem(int count, int batchSize, int latent)
    {
        var last = count % batchSize == 0 ? Math.Min(batchSize, count) : count % batchSize;
        return (long)last * latent < 16
            ? $"a batch of {last} samples draws {(long)last * latent} latent values, fewer than the 16 that PyTorch's replayed randn needs"
            : null;
    }

    /// <summary>
    /// A variational model's weights as <c>pytorch_vae.py --seed S</c> gives them: its <c>nn.Linear</c>
    /// modules constructed in order (the encoder's, <c>mu</c>, <c>logvar</c>, the decoder's), each with
    /// PyTorch's default initialization (<see cref="TorchRandom.LinearDefault"/>), weight then bias.
    /// vecae keeps <c>mu</c> and <c>logvar</c> as one layer, [mu rows; logvar rows] then [mu bias; logvar bias].
    /// </summary>
    // parameters: the model's flat buffer
    public static void InitializeVariational(int seed, AutoencoderOptions options, Span<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rng = new Mt19937((uint)seed);
        var offset = 0;
        var shapes = Network.VariationalLinearShapes(options);
        for (var l = 0; l < shapes.Count; l++)
        {
            var (fanIn, fanOut) = shapes[l];
            var weights = parameters.Slice(offset, fanOut * fanIn);
            var bias = parameters.Slice(offset + (fanOut * fanIn), fanOut);
            if (l == options.LayerCount)
            {
                var latent = fanOut / 2;
                TorchRandom.LinearDefault(rng, fanIn, weights[..(latent * fanIn)], bias[..latent]);
                TorchRandom.LinearDefault(rng, fanIn, weights[(latent * fanIn)..], bias[latent..]);
            }
            else
            {
                TorchRandom.LinearDefault(rng, fanIn, weights, bias);
            }

            offset += fanOut * (fanIn + 1);
        }
    }

    private static long ConstructorDraws(ConvolutionalArchitecture architecture)
    {
        long draws = 0;
        foreach (var g in Convolutions(architecture))
        {
            draws += g.WeightCount + g.OutChannels;
        }

        return draws;
    }

    private static IEnumerable<Conv2DGeometry> Convolutions(ConvolutionalArchitecture architecture)
    {
        foreach (var layer in ConvolutionalLayers.Build(architecture, out _, out _))
        {
            if (layer is Conv2DLayer conv)
            {
                yield return conv.Geometry;
            }
        }
    }
}
