using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// A stack of dense layers split into an encoder (layers 0..<see cref="CodeLayer"/>) and a decoder
/// (the rest), or a convolutional autoencoder (<see cref="AutoencoderOptions.IsConvolutional"/>). All
/// parameters live in one flat buffer: layer by layer, weights ([out, in], or a convolution's
/// [out, in, kh, kw]) then bias [out].
/// </summary>
public sealed partial class Autoencoder
{
    private readonly DenseLayer[] _layers;

    private Autoencoder(AutoencoderOptions options, float[] parameters)
    {
        options.Validate();
        Options = options;
        Network = new Network(options);
        if (options.IsVariational)
        {
            _layers = VariationalLayers(options, Network, parameters);
            CodeLayer = options.LayerCount;
            Parameters = parameters;
            return;
        }

        if (options.IsConvolutional)
        {
            _layers = [];
            CodeLayer = -1;
            Parameters = parameters.Length == Network.ParameterOffsets[^1]
                ? parameters
                : throw new ArgumentException($"The architecture has {Network.ParameterOffsets[^1]} parameters, the buffer {parameters.Length}.", nameof(parameters));
            return;
        }

        CodeLayer = options.ResolvedCodeLayer;
        _layers = new DenseLayer[options.LayerCount];
        var offset = 0;
        for (var l = 0; l < _layers.Length; l++)
        {
            int fanIn = options.LayerSizes[l], fanOut = options.LayerSizes[l + 1];
            var name = LayerName(l, CodeLayer);
            var activation = l == _layers.Length - 1 ? options.OutputActivation : options.HiddenActivation;
            _layers[l] = new DenseLayer(
                name, fanIn, fanOut, activation,
                parameters.AsMemory(offset, fanOut * fanIn), parameters.AsMemory(offset + fanOut * fanIn, fanOut), offset);
            offset += fanOut * (fanIn + 1);
        }

        if (offset != parameters.Length)
        {
            throw new ArgumentException($"The architecture has {offset} parameters, the buffer {parameters.Length}.", nameof(parameters));
        }

        Parameters = parameters;
    }

    public AutoencoderOptions Options { get; }

    /// <summary>PyTorch-style module names: encoder.0 .. encoder.{codeLayer}, then decoder.0, ...</summary>
    private static string LayerName(int layer, int codeLayer) => layer <= codeLayer ? $"encoder.{layer}" : $"decoder.{layer - codeLayer - 1}";

    /// <summary>The dense layers (none for a convolutional model).</summary>
    public IReadOnlyList<DenseLayer> Layers => _layers;

    /// <summary>Index of the dense layer whose output is the code (-1 for a convolutional model).</summary>
    public int CodeLayer { get; }

    public int InputSize => Network.Width(0);

    public int OutputSize => Network.Width(Network.Layers.Length);

    public int CodeSize => Network.Width(Network.CodeOutput);

    public int ParameterCount => Parameters.Length;

    /// <summary>The layers the forward and backward passes walk.</summary>
    internal Network Network { get; }

    /// <summary>All parameters in the flat layout (see the class summary).</summary>
    internal float[] Parameters { get; }

    /// <summary>A read-only view of every parameter, in the flat layout.</summary>
    public ReadOnlySpan<float> ParameterSpan => Parameters;

    /// <summary>A new model: weights from <see cref="AutoencoderOptions.Initializer"/> seeded by <paramref name="seed"/>, zero biases.</summary>
    public static Autoencoder Create(AutoencoderOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.IsVariational)
        {
            return CreateVariational(options, seed);
        }

        if (options.IsConvolutional)
        {
            return CreateConvolutional(options, seed);
        }

        var parameters = new float[CountParameters(options)];
        var rng = new Xoshiro256((ulong)(uint)seed);
        var offset = 0;
        for (var l = 0; l < options.LayerCount; l++)
        {
            int fanIn = options.LayerSizes[l], fanOut = options.LayerSizes[l + 1];
            WeightInitialization.Fill(options.Initializer, fanIn, fanOut, ref rng, parameters.AsSpan(offset, fanOut * fanIn));
            offset += fanOut * (fanIn + 1);
        }

        return new Autoencoder(options, parameters);
    }

    /// <summary>
    /// A new model whose initial weights come from <paramref name="streams"/>: <see cref="RandomStreams.Vecae"/>
    /// is <see cref="Create(AutoencoderOptions, int)"/>; <see cref="RandomStreams.PyTorch"/> gives the weights
    /// PyTorch gives after <c>torch.manual_seed(seed)</c>, one <c>nn.Linear</c> per layer, then
    /// <c>xavier_uniform_</c> on each weight and zero biases (the peer script's <c>--init keras</c>),
    /// or, for a convolutional model, <c>pytorch_convae.py</c>'s weights for a run without noise.
    /// </summary>
    /// <exception cref="NotSupportedException">PyTorch streams for a variational model, or with an initializer other than Glorot-uniform.</exception>
    public static Autoencoder Create(AutoencoderOptions options, int seed, RandomStreams streams) => Create(options, seed, streams, noiseStd: 0f);

    /// <summary>
    /// As <see cref="Create(AutoencoderOptions, int, RandomStreams)"/>, for a run that trains on
    /// <paramref name="noiseStd"/>: <c>pytorch_convae.py</c> draws its noisy MNIST sets from the
    /// generator before it builds its modules, so with PyTorch streams a convolutional model's
    /// weights depend on whether there is noise (a dense model's do not).
    /// </summary>
    /// <exception cref="NotSupportedException">PyTorch streams for a variational model, or with an initializer other than Glorot-uniform.</exception>
    public static Autoencoder Create(AutoencoderOptions options, int seed, RandomStreams streams, float noiseStd)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (streams == RandomStreams.Vecae)
        {
            return Create(options, seed);
        }

        if (streams != RandomStreams.PyTorch)
        {
            throw new ArgumentOutOfRangeException(nameof(streams));
        }

        options.Validate();
        if (options.IsVariational)
        {
            if (options.Initializer != Initializer.TorchUniform)
            {
                throw new NotSupportedException(
                    $"PyTorch random streams replay a variational model's nn.Linear defaults only, so they need the torch_uniform initializer, not {WeightInitialization.Name(options.Initializer)}.");
            }

            var variational = new float[CountParameters(options)];
            TorchReplay.InitializeVariational(seed, options, variational);
            return new Autoencoder(options, variational);
        }

        if (options.IsConvolutional)
        {
            var network = new Network(options);
            var weights = new float[network.ParameterOffsets[^1]];
            TorchReplay.InitializeConvolutional(seed, network, options.Convolution, noiseStd > 0f, weights);
            return new Autoencoder(options, weights);
        }

        if (options.Initializer != Initializer.GlorotUniform)
        {
            throw new NotSupportedException(
                $"PyTorch random streams replay nn.init.xavier_uniform_ only, so they need the glorot_uniform initializer, not {WeightInitialization.Name(options.Initializer)}.");
        }

        var parameters = new float[CountParameters(options)];
        var rng = new Mt19937((uint)seed);
        // The nn.Linear constructors draw weights and biases that the peer then overwrites.
        rng.Skip(TorchRandom.ConstructorDraws(options.LayerSizes));
        var offset = 0;
        for (var l = 0; l < options.LayerCount; l++)
        {
            int fanIn = options.LayerSizes[l], fanOut = options.LayerSizes[l + 1];
            TorchRandom.XavierUniform(rng, fanIn, fanOut, parameters.AsSpan(offset, fanOut * fanIn));
            offset += fanOut * (fanIn + 1);
        }

        return new Autoencoder(options, parameters);
    }

    /// <summary>A model over existing parameters in the flat layout (copied).</summary>
    public static Autoencoder FromParameters(AutoencoderOptions options, ReadOnlySpan<float> parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Autoencoder(options, parameters.ToArray());
    }

    public static int CountParameters(AutoencoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long count = 0;
        if (options.IsVariational)
        {
            foreach (var (fanIn, fanOut) in Network.VariationalLinearShapes(options))
            {
                count += (long)fanOut * (fanIn + 1);
            }

            return count <= Array.MaxLength ? (int)count : throw new ArgumentException("The model has too many parameters.");
        }

        if (options.IsConvolutional)
        {
            return new Network(options).ParameterOffsets[^1];
        }

        for (var l = 0; l < options.LayerCount; l++)
        {
            count += (long)options.LayerSizes[l + 1] * (options.LayerSizes[l] + 1);
        }

        return count <= Array.MaxLength ? (int)count : throw new ArgumentException("The model has too many parameters.");
    }

    /// <summary>Replaces every parameter (e.g. from a checkpoint).</summary>
    // parameters: [ParameterCount]
    public void SetParameters(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Parameters.Length)
        {
            throw new ArgumentException($"Expected {Parameters.Length} parameters, got {parameters.Length}.", nameof(parameters));
        }

        parameters.CopyTo(Parameters);
        ParametersChanged();
    }

    /// <summary>Says the parameters were written (a training step, SetParameters): inference's transposed weights are then made anew.</summary>
    internal void ParametersChanged() => Interlocked.Increment(ref _parameterVersion);
}
