using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// An autoencoder as the list of layers its forward walks and its backward walks in reverse, with
/// each layer's slice of the flat parameter buffer. Activation i is the input of layer i and the
/// output of layer i - 1 (activation 0 is the batch). Loss-specific choices are made here, once:
/// binary cross-entropy reads the logits, so training stops before the last sigmoid.
/// </summary>
internal sealed class Network
{
    public Network(AutoencoderOptions options)
    {
        if (options.IsVariational)
        {
            (Layers, CodeOutput, LossInput, Terms, Loss) = Variational(options);
            TrainingDepth = LossInput;
            ParameterOffsets = Offsets(Layers);
            Channels = ConvolutionalLayers.ActivationChannels(Layers);
            Steps = NetworkStep.OnePerLayer(Layers);
            return;
        }

        if (options.IsConvolutional)
        {
            Layers = ConvolutionalLayers.Build(options.Convolution, out var codeOutput, out var logits);
            (CodeOutput, LossInput, TrainingDepth) = (codeOutput, logits, logits);
            Terms = [];
            Loss = new MeanBinaryCrossEntropyFromLogits();
            ParameterOffsets = Offsets(Layers);
            Channels = ConvolutionalLayers.ActivationChannels(Layers);
            Steps = ConvolutionalLayers.Steps(Layers, [CodeOutput, LossInput, TrainingDepth]);
            return;
        }

        var layers = new List<ILayer>();
        var code = options.ResolvedCodeLayer;
        for (var l = 0; l < options.LayerCount; l++)
        {
            int fanIn = options.LayerSizes[l], fanOut = options.LayerSizes[l + 1];
            var last = l == options.LayerCount - 1;
            layers.Add(new LinearLayer(fanIn, fanOut));
            if (last && options.Loss == Losses.Loss.BinaryCrossEntropy)
            {
                LossInput = layers.Count;
            }

            layers.Add(new ActivationLayer(last ? options.OutputActivation : options.HiddenActivation, fanOut));
            if (l == code)
            {
                CodeOutput = layers.Count;
            }
        }

        Layers = [.. layers];
        Terms = options.CodeRegularizer.IsActive ? [(CodeOutput, options.CodeRegularizer)] : [];
        if (options.Loss == Losses.Loss.BinaryCrossEntropy)
        {
            Loss = new BinaryCrossEntropyFromLogits();
            TrainingDepth = LossInput;
        }
        else
        {
            Loss = new MeanSquaredErrorLoss();
            LossInput = Layers.Length;
            TrainingDepth = Layers.Length;
        }

        // Training computes up to what the loss and its terms read: not the last sigmoid unless a penalty reads it.
        foreach (var (activation, _) in Terms)
        {
            TrainingDepth = Math.Max(TrainingDepth, activation);
        }

        ParameterOffsets = Offsets(Layers);
        Channels = ConvolutionalLayers.ActivationChannels(Layers);
        Steps = NetworkStep.OnePerLayer(Layers);
    }

    /// <summary>The model's layers: what its file, its names and its exported graph describe.</summary>
    public ILayer[] Layers { get; }

    /// <summary>
    /// What the walks run, in order: each layer, or a few run as one (<see cref="Conv2DStep"/>), whose
    /// activations between are then never computed. Steps never end inside the code, the loss's input
    /// or the training depth, so a walk between those runs whole steps.
    /// </summary>
    public NetworkStep[] Steps { get; }

    /// <summary>Whether activation <paramref name="activation"/> is computed: it is the input or a step's output.</summary>
    public bool IsMaterialized(int activation) => activation == 0 || StepInto(activation) != null;

    /// <summary>The step that reads activation <paramref name="activation"/> (it starts there), or null.</summary>
    public NetworkStep? StepFrom(int activation)
    {
        // A loop, not a search with a lambda: the training step asks this and must not allocate.
        foreach (var step in Steps)
        {
            if (step.First == activation)
            {
                return step;
            }
        }

        return null;
    }

    // The step that writes activation `activation` (it ends there), or null.
    private NetworkStep? StepInto(int activation)
    {
        foreach (var step in Steps)
        {
            if (step.End == activation)
            {
                return step;
            }
        }

        return null;
    }

    /// <summary>Where layer i's parameters start in the flat buffer; the last entry is the total.</summary>
    public int[] ParameterOffsets { get; }

    /// <summary>
    /// The channels of each activation. An activation of more than one channel is stored channel-major,
    /// [channels, batch, height, width] (see <see cref="Conv2D"/>), not one row per sample: what comes in
    /// or goes out at such an activation is transposed to and from rows of (channel, height, width).
    /// </summary>
    public int[] Channels { get; }

    /// <summary>The activation that is the code: Encode stops there and Decode starts there.</summary>
    public int CodeOutput { get; }

    /// <summary>The activation the loss reads (and whose gradient it adds to).</summary>
    public int LossInput { get; }

    /// <summary>How many layers the training walk runs.</summary>
    public int TrainingDepth { get; }

    public ILossFunction Loss { get; }

    /// <summary>Whether a loss term reads activation <paramref name="activation"/> (and so adds to its gradient before the layers' backward).</summary>
    public bool HasTermOn(int activation)
    {
        foreach (var (at, _) in Terms)
        {
            if (at == activation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the backward walk reaches activation <paramref name="activation"/>'s gradient with nothing
    /// added to it yet: neither the loss nor a term reads that activation, so the layer it feeds is the
    /// first (and only) one to touch it.
    /// </summary>
    public bool NothingAddsBefore(int activation) => activation != LossInput && !HasTermOn(activation);

    /// <summary>
    /// Whether the training step may leave activation <paramref name="activation"/>'s gradient unzeroed:
    /// the layer it feeds writes all of it (<see cref="ILayer.WritesZeroedInputGradient"/>) and is the
    /// first to touch it.
    /// </summary>
    public bool BackwardWritesGradient(int activation) =>
        activation > 0 && activation < TrainingDepth && NothingAddsBefore(activation) && StepFrom(activation) is { Layer.WritesZeroedInputGradient: true };

    /// <summary>Terms added to the loss, each on one activation.</summary>
    public (int Activation, ILossTerm Term)[] Terms { get; }

    /// <summary>The sampling head of a variational model, or null.</summary>
    public GaussianSampleLayer? Sampler => CodeOutput > 0 ? Layers[CodeOutput - 1] as GaussianSampleLayer : null;

    /// <summary>
    /// The linear layers of a variational model as (fan-in, fan-out) in order: the encoder, the one
    /// layer to [mean | logvar] (2 x latent outputs), then the decoder mirroring the encoder.
    /// </summary>
    public static List<(int FanIn, int FanOut)> VariationalLinearShapes(AutoencoderOptions options)
    {
        var sizes = options.LayerSizes;
        var shapes = new List<(int, int)>();
        for (var l = 0; l < sizes.Count - 1; l++)
        {
            shapes.Add((sizes[l], sizes[l + 1]));
        }

        shapes.Add((sizes[^1], 2 * options.LatentSize));
        var previous = options.LatentSize;
        for (var l = sizes.Count - 1; l >= 0; l--)
        {
            shapes.Add((previous, sizes[l]));
            previous = sizes[l];
        }

        return shapes;
    }

    /// <summary>Values per sample of activation i.</summary>
    public int Width(int activation) => activation == 0 ? Layers[0].InputSize : Layers[activation - 1].OutputSize;

    private static (ILayer[] Layers, int Code, int LossInput, (int, ILossTerm)[] Terms, ILossFunction Loss) Variational(AutoencoderOptions options)
    {
        var layers = new List<ILayer>();
        var encoderLayers = options.LayerSizes.Count - 1;
        var shapes = VariationalLinearShapes(options);
        int code = 0, lossInput = 0, meanLogvar = 0;
        for (var l = 0; l < shapes.Count; l++)
        {
            var (fanIn, fanOut) = shapes[l];
            layers.Add(new LinearLayer(fanIn, fanOut));
            if (l == encoderLayers)
            {
                meanLogvar = layers.Count;
                layers.Add(new GaussianSampleLayer(options.LatentSize));
                code = layers.Count;
                continue;
            }

            var last = l == shapes.Count - 1;
            if (last)
            {
                lossInput = layers.Count;
            }

            layers.Add(new ActivationLayer(last ? options.OutputActivation : options.HiddenActivation, fanOut));
        }

        var inputSize = options.LayerSizes[0];
        return ([.. layers], code, lossInput, [(meanLogvar, new KlDivergence(options.LatentSize))], new SummedBinaryCrossEntropyFromLogits(inputSize));
    }

    private static int[] Offsets(ILayer[] layers)
    {
        var offsets = new int[layers.Length + 1];
        for (var i = 0; i < layers.Length; i++)
        {
            offsets[i + 1] = offsets[i] + layers[i].ParameterCount;
        }

        return offsets;
    }
}
