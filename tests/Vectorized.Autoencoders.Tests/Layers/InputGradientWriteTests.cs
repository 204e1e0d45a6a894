using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The training step skips zeroing an activation gradient when the layer it feeds says it writes all
/// of it (<see cref="ILayer.WritesZeroedInputGradient"/>). Each such layer, handed a dx full of NaN and
/// told nothing has added to it, must leave exactly what adding onto zeros leaves; and whole steps on
/// a workspace whose gradient buffers hold NaN must give the parameter gradients of a clean one.
/// </summary>
public class InputGradientWriteTests
{
    [Property(MaxTest = 120)]
    public void EveryLayerThatSaysSoWritesAllOfItsInputGradient(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 505);
        var layer = RandomLayer(ref rng);
        int batch = 1 + rng.NextInt(5), threads = 1 + rng.NextInt(2);
        var context = $"{layer.GetType().Name} {Describe(layer)} batch {batch} threads {threads}";
        Assert.True(layer.WritesZeroedInputGradient, context);

        var x = LayerCheck.Random(ref rng, batch * layer.InputSize);
        var parameters = LayerCheck.Random(ref rng, layer.ParameterCount);
        var (floats, ints) = layer.ScratchSize(batch);
        var scratch = new LayerScratch(new float[floats], new int[ints]);
        var y = new float[batch * layer.OutputSize];
        layer.Forward(x, parameters, batch, training: true, threads, y, scratch);
        var dy = LayerCheck.Random(ref rng, y.Length);

        float[] addedParameters = new float[parameters.Length], added = new float[x.Length];
        layer.Backward(x, y, dy, parameters, batch, threads, addedParameters, added, scratch, dParametersAreZero: false, dxIsZero: false);
        var writtenParameters = new float[parameters.Length];
        var written = Enumerable.Repeat(float.NaN, x.Length).ToArray();
        layer.Backward(x, y, dy, parameters, batch, threads, writtenParameters, written, scratch, dParametersAreZero: false, dxIsZero: true);

        Assert.True(added.SequenceEqual(written), $"dx ({context})");
        Assert.True(addedParameters.SequenceEqual(writtenParameters), $"d parameters ({context})");
    }

    [Theory]
    [InlineData("deep", 5)]
    [InlineData("vae", 4)]
    [InlineData("conv", 3)]
    [InlineData("conv-denoising", 2)]
    public void AStepOnGradientBuffersFullOfNaNGivesTheCleanGradients(string name, int batch)
    {
        var options = name switch
        {
            "deep" => AutoencoderOptions.Deep,
            "vae" => AutoencoderOptions.Variational,
            "conv" => AutoencoderOptions.Convolutional,
            _ => AutoencoderOptions.ConvolutionalDenoising,
        };
        var model = Autoencoder.Create(options, 3);
        var ws = new Workspace(model.Options, batch);
        var rng = new Xoshiro256(17);
        for (var i = 0; i < batch * model.InputSize; i++)
        {
            ws.Input[i] = (float)rng.NextDouble();
        }

        ws.Input.AsSpan(0, batch * model.InputSize).CopyTo(ws.Target);
        float[] Step()
        {
            model.Network.Sampler?.SeedTraining(9);
            var gradients = new float[model.ParameterCount];
            ModelPass.ForwardBackward(model, ws, batch, 2, gradients);
            return gradients;
        }

        var clean = Step();
        foreach (var g in ws.Gradients)
        {
            g.AsSpan().Fill(float.NaN);
        }

        var dirty = Step();
        Assert.True(clean.All(float.IsFinite));
        Assert.True(clean.SequenceEqual(dirty));
    }

    private static ILayer RandomLayer(ref Xoshiro256 rng)
    {
        int channels = 1 + rng.NextInt(3), h = 1 + rng.NextInt(9), w = 1 + rng.NextInt(20);
        switch (rng.NextInt(5))
        {
            case 0:
                return new ActivationLayer((Activation)rng.NextInt(5), 1 + rng.NextInt(40_000));
            case 1:
                return new UpSampling2DLayer(channels, h, w, 1 + rng.NextInt(3));
            case 2:
                var pool = 2 + rng.NextInt(2);
                return new MaxPool2DLayer(channels, new MaxPool2DGeometry(h + pool - 1, w + pool - 1, pool, 1 + rng.NextInt(pool), rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid));
            case 3:
                return new LinearLayer(1 + rng.NextInt(50), 1 + rng.NextInt(50));
            default:
                int k = 1 + rng.NextInt(3);
                return new Conv2DLayer(new Conv2DGeometry(channels, 1 + rng.NextInt(9), h + k, w + k, k, k, 1, rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid), "conv", rng.NextInt(2) == 0 ? Activation.Linear : Activation.Relu);
        }
    }

    private static string Describe(ILayer layer) => layer switch
    {
        ActivationLayer a => $"{a.Activation} x{a.InputSize}",
        UpSampling2DLayer u => $"{u.Channels}x{u.Height}x{u.Width} by {u.Factor}",
        MaxPool2DLayer m => $"{m.Channels} {m.Geometry}",
        Conv2DLayer c => c.Geometry.ToString(),
        _ => $"{layer.InputSize}->{layer.OutputSize}",
    };
}
