using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The variational autoencoder (PyTorch's examples/vae): its linear layers under the peer script's
/// state-dict names, its initialization, and its sampling streams.
/// </summary>
public sealed partial class Autoencoder
{
    /// <summary>The name of the linear layer to [mean | logvar]; saved as two tensors, <c>mu.*</c> and <c>logvar.*</c>.</summary>
    internal const string MeanLogvarName = "mu+logvar";

    /// <summary>
    /// Outside training, whether a variational model draws its latent (as PyTorch's example does in
    /// evaluation too) or decodes the mean. True by default; no effect on other models.
    /// </summary>
    public bool SampleLatent
    {
        get => Network.Sampler?.SampleInEvaluation ?? true;
        set
        {
            if (Network.Sampler is { } sampler)
            {
                sampler.SampleInEvaluation = value;
            }
        }
    }

    /// <summary>
    /// New samples from a variational model: its decoder on <paramref name="count"/> draws from the
    /// prior N(0, I), taken from xoshiro256** seeded by <paramref name="seed"/>, so a seed gives the
    /// same samples for any <paramref name="threads"/>. Returns [count, OutputSize].
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not variational: only a variational model's codes follow N(0, I).</exception>
    public float[] Sample(int count, int seed = 1, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!Options.IsVariational)
        {
            throw new InvalidOperationException("Sample needs a variational model (AutoencoderOptions.Variational): other models' codes do not follow N(0, I).");
        }

        var z = new float[(long)count * CodeSize];
        var rng = new Xoshiro256((ulong)(uint)seed);
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = (float)rng.NextGaussian();
        }

        var images = new float[(long)count * OutputSize];
        Decode(z, count, images, threads);
        return images;
    }

    // The seeds of the sampling streams, apart from the weights' and the shuffle's.
    internal static ulong TrainingNoiseSeed(int seed) => (ulong)(uint)seed ^ 0x5641455F4E4F4953UL;

    internal static ulong EvaluationNoiseSeed(int seed) => (ulong)(uint)seed ^ 0x5641455F4556414CUL;

    /// <summary>
    /// PyTorch's nn.Linear defaults for every layer, weights and biases from U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    /// (other initializers fill the weights and leave the biases zero), drawn from xoshiro256** seeded by <paramref name="seed"/>.
    /// </summary>
    private static Autoencoder CreateVariational(AutoencoderOptions options, int seed)
    {
        var parameters = new float[CountParameters(options)];
        var rng = new Xoshiro256((ulong)(uint)seed);
        var offset = 0;
        foreach (var (fanIn, fanOut) in Network.VariationalLinearShapes(options))
        {
            WeightInitialization.Fill(options.Initializer, fanIn, fanOut, ref rng, parameters.AsSpan(offset, fanOut * fanIn));
            if (options.Initializer == Initializer.TorchUniform)
            {
                WeightInitialization.Fill(Initializer.TorchUniform, fanIn, 1, ref rng, parameters.AsSpan(offset + fanOut * fanIn, fanOut));
            }

            offset += fanOut * (fanIn + 1);
        }

        var model = new Autoencoder(options, parameters);
        model.Network.Sampler!.SeedTraining(TrainingNoiseSeed(seed));
        return model;
    }

    private static DenseLayer[] VariationalLayers(AutoencoderOptions options, Network network, float[] parameters)
    {
        var encoderLayers = options.LayerCount;
        var shapes = Network.VariationalLinearShapes(options);
        var layers = new DenseLayer[shapes.Count];
        var offset = 0;
        for (var l = 0; l < shapes.Count; l++)
        {
            var (fanIn, fanOut) = shapes[l];
            var name = l == encoderLayers ? MeanLogvarName : $"fc{l + 1}";
            var activation = l == encoderLayers ? Activation.Linear : l == shapes.Count - 1 ? options.OutputActivation : options.HiddenActivation;
            layers[l] = new DenseLayer(
                name, fanIn, fanOut, activation,
                parameters.AsMemory(offset, fanOut * fanIn), parameters.AsMemory(offset + fanOut * fanIn, fanOut), offset);
            offset += fanOut * (fanIn + 1);
        }

        if (offset != parameters.Length || offset != network.ParameterOffsets[^1])
        {
            throw new ArgumentException($"The architecture has {offset} parameters, the buffer {parameters.Length}.", nameof(parameters));
        }

        return layers;
    }
}
