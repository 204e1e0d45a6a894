using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// The layer list of a convolutional autoencoder, as <c>pytorch_convae.py</c> builds its two
/// <c>nn.Sequential</c>s <c>enc</c> and <c>dec</c>: each convolution followed by its activation (relu,
/// carried by the convolution layer itself; the last a sigmoid, a layer of its own), the pooling and
/// up-sampling layers between. A convolution's name is its
/// state-dict prefix, its index in its Sequential (enc.0, enc.3, ..., dec.9), so PyTorch loads the file.
/// </summary>
internal static class ConvolutionalLayers
{
    /// <summary>The input: one 28x28 channel.</summary>
    public static readonly ConvShape Input = new(1, 28, 28);

    /// <param name="code">The activation after the encoder's last pooling: the code.</param>
    /// <param name="logits">The activation the last sigmoid reads: what the loss reads.</param>
    public static ILayer[] Build(ConvolutionalArchitecture architecture, out int code, out int logits)
    {
        var plan = architecture switch
        {
            ConvolutionalArchitecture.Small => ConvAutoencoderShapes.Small,
            ConvolutionalArchitecture.Denoising => ConvAutoencoderShapes.Denoising,
            _ => throw new ArgumentOutOfRangeException(nameof(architecture)),
        };

        var lastPool = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            lastPool = plan[i].Kind == ConvLayerKind.MaxPool2D ? i : lastPool;
        }

        var layers = new List<ILayer>();
        var shape = Input;
        var (prefix, module) = ("enc", 0);
        code = logits = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var step = plan[i];
            var next = step.OutputShape(shape);
            switch (step.Kind)
            {
                case ConvLayerKind.Conv2D when i < plan.Count - 1:
                    layers.Add(new Conv2DLayer(step.Geometry(shape), $"{prefix}.{module}", Activation.Relu));
                    module += 2;
                    break;
                case ConvLayerKind.Conv2D:
                    // The last: its sigmoid stays a layer, as the loss reads the logits before it.
                    layers.Add(new Conv2DLayer(step.Geometry(shape), $"{prefix}.{module}"));
                    logits = layers.Count;
                    layers.Add(new ActivationLayer(Activation.Sigmoid, next.Channels * next.Height * next.Width));
                    module += 2;
                    break;
                case ConvLayerKind.MaxPool2D:
                    layers.Add(new MaxPool2DLayer(shape.Channels, new MaxPool2DGeometry(shape.Height, shape.Width, step.Size, step.Stride, step.Padding)));
                    module++;
                    break;
                default:
                    layers.Add(new UpSampling2DLayer(shape.Channels, shape.Height, shape.Width, step.Size));
                    module++;
                    break;
            }

            if (i == lastPool)
            {
                code = layers.Count;
                (prefix, module) = ("dec", 0);
            }

            shape = next;
        }

        return [.. layers];
    }

    /// <summary>
    /// The walk of <paramref name="layers"/>: each direct convolution runs as one step with the
    /// up-sampling before it and the max-pooling after it (<see cref="Conv2DStep"/>), unless the
    /// activation between is one the model reads (<paramref name="kept"/>: the code, the logits).
    /// </summary>
    public static NetworkStep[] Steps(ILayer[] layers, int[] kept)
    {
        var steps = new List<NetworkStep>();
        for (var i = 0; i < layers.Length;)
        {
            var first = i;
            var up = layers[i] is UpSampling2DLayer u && i + 1 < layers.Length && layers[i + 1] is Conv2DLayer { IsDirect: true } && !kept.Contains(i + 1) ? u : null;
            var at = up != null ? i + 1 : i;
            if (layers[at] is not Conv2DLayer { IsDirect: true } conv)
            {
                steps.Add(new NetworkStep(i, i + 1, layers[i]));
                i++;
                continue;
            }

            var pool = at + 1 < layers.Length && layers[at + 1] is MaxPool2DLayer p && !kept.Contains(at + 1) ? p : null;
            var end = pool != null ? at + 2 : at + 1;
            steps.Add(new NetworkStep(first, end, up == null && pool == null ? conv : new Conv2DStep(up, conv, pool)));
            i = end;
        }

        return [.. steps];
    }

    /// <summary>Channels of each activation (0 is the input), for layers stored channel-major; 1 for flat ones.</summary>
    public static int[] ActivationChannels(ILayer[] layers)
    {
        var channels = new int[layers.Length + 1];
        channels[0] = 1;
        for (var i = 0; i < layers.Length; i++)
        {
            channels[i + 1] = layers[i] switch
            {
                Conv2DLayer conv => conv.Geometry.OutChannels,
                MaxPool2DLayer pool => pool.Channels,
                UpSampling2DLayer up => up.Channels,
                _ => channels[i],
            };
        }

        return channels;
    }
}
