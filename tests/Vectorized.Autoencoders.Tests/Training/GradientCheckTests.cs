using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// Analytic gradients (float, the engine's backward) against central differences of an independent
/// double-precision loss (<see cref="ReferenceModel"/>), for random architectures, activations,
/// losses, regularizers, batch sizes and inputs; and for the article's real architectures.
/// </summary>
public class GradientCheckTests
{
    private static readonly Activation[] Activations = Enum.GetValues<Activation>();

    [Property(MaxTest = 60)]
    public void RandomModelsMatchFiniteDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 17);
        var layerCount = 1 + rng.NextInt(3);
        var sizes = new int[layerCount + 1];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = 1 + rng.NextInt(7);
        }

        var bce = rng.NextInt(2) == 0;
        var options = new AutoencoderOptions
        {
            LayerSizes = sizes,
            HiddenActivation = Activations[rng.NextInt(Activations.Length)],
            OutputActivation = bce ? Activation.Sigmoid : Activations[rng.NextInt(Activations.Length)],
            Loss = bce ? Loss.BinaryCrossEntropy : Loss.MeanSquaredError,
            CodeLayer = rng.NextInt(layerCount),
            CodeRegularizer = new ActivityRegularizer(
                rng.NextInt(2) == 0 ? 0f : 0.01f * (float)rng.NextDouble(),
                rng.NextInt(2) == 0 ? 0f : 0.01f * (float)rng.NextDouble(),
                rng.NextInt(2) == 0),
            WeightDecay = rng.NextInt(3) == 0 ? 0.01f * (float)rng.NextDouble() : 0f,
            Initializer = rng.NextInt(2) == 0 ? Initializer.GlorotUniform : Initializer.HeNormal,
        };
        var batch = 1 + rng.NextInt(5);
        var model = Autoencoder.Create(options, seed);
        // Non-zero biases so that every bias gradient and relu pattern is exercised.
        var parameters = model.ParameterSpan.ToArray();
        foreach (var layer in model.Layers)
        {
            for (var j = 0; j < layer.OutputSize; j++)
            {
                parameters[layer.ParameterOffset + layer.OutputSize * layer.InputSize + j] = (float)(rng.NextDouble() - 0.3);
            }
        }

        model.SetParameters(parameters);
        CheckAll(model, batch, TrainingTestData.Images(batch, sizes[0], seed), TrainingTestData.Images(batch, sizes[^1], seed + 1), parametersToCheck: null);
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("shallow")]
    [InlineData("sparse")]
    [InlineData("sparse-per-sample")]
    [InlineData("deep-mse-decay")]
    public void ArticleModelsMatchFiniteDifferencesOnSampledParameters(string name)
    {
        var options = name switch
        {
            "deep" => AutoencoderOptions.Deep,
            "shallow" => AutoencoderOptions.Shallow,
            "sparse" => AutoencoderOptions.Sparse with { CodeRegularizer = new ActivityRegularizer(1e-3f) },
            "sparse-per-sample" => AutoencoderOptions.Sparse with { CodeRegularizer = new ActivityRegularizer(1e-2f, 1e-3f, PerSample: true) },
            _ => AutoencoderOptions.Deep with { Loss = Loss.MeanSquaredError, WeightDecay = 1e-3f },
        };
        var model = Autoencoder.Create(options, 5);
        const int batch = 3;
        var x = TrainingTestData.Images(batch, 784, 11);
        CheckAll(model, batch, x, x, parametersToCheck: 40);
    }

    [Fact]
    public void ReluAtZeroUsesTheZeroSubgradientAndL1AtZeroAddsNothing()
    {
        // All-zero weights and biases: every hidden pre-activation is exactly 0, the relu's kink.
        var options = AutoencoderOptions.Shallow with { LayerSizes = [4, 3, 4], CodeRegularizer = new ActivityRegularizer(0.5f) };
        var model = Autoencoder.FromParameters(options, new float[Autoencoder.CountParameters(options)]);
        var gradients = Gradients(model, 2, TrainingTestData.Images(2, 4, 3), TrainingTestData.Images(2, 4, 4), out _);
        var first = model.Layers[0];
        // Subgradient 0 at the kink: nothing flows into the first layer (not even from the L1 penalty, sign(0) = 0).
        Assert.All(gradients.AsSpan(first.ParameterOffset, first.ParameterCount).ToArray(), g => Assert.Equal(0f, g));
        // The output layer's bias still learns.
        var second = model.Layers[1];
        Assert.Contains(gradients.AsSpan(second.ParameterOffset + 12, 4).ToArray(), g => g != 0f);
    }

    [Fact]
    public void BceGradientIsZeroWhereKerasClipsThePrediction()
    {
        var z = new[] { 20f, -20f, 3f };
        var t = new[] { 0f, 1f, 0.5f };
        var dz = new float[3];
        var mean = BinaryCrossEntropy.ForwardBackward(z, t, dz);
        Assert.Equal(0f, dz[0]);
        Assert.Equal(0f, dz[1]);
        Assert.Equal((1 / (1 + Math.Exp(-3)) - 0.5) / 3, dz[2], 1e-6);
        // Clipped at 1 - 1e-7: a confidently wrong pixel costs -log(1e-7), not infinity.
        Assert.Equal((2 * -Math.Log(1e-7)) + BinaryCrossEntropy.Mean([3f], [0.5f]), 3 * mean, 1e-3);
    }

    private static void CheckAll(Autoencoder model, int batch, float[] x, float[] t, int? parametersToCheck)
    {
        var gradients = Gradients(model, batch, x, t, out var loss);
        var p = model.ParameterSpan.ToArray().Select(v => (double)v).ToArray();
        var xd = x.Select(v => (double)v).ToArray();
        var td = t.Select(v => (double)v).ToArray();
        var reference = ReferenceModel.Loss(model.Options, p, xd, td, batch);
        Assert.True(Math.Abs(loss - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)), $"loss {loss} vs reference {reference}");

        var rng = new Xoshiro256(99);
        foreach (var layer in model.Layers)
        {
            var count = parametersToCheck ?? layer.ParameterCount;
            for (var c = 0; c < count; c++)
            {
                // Sampled checks always include some biases (the tail of the layer's block).
                var local = parametersToCheck is null ? c : c % 4 == 0 ? layer.OutputSize * layer.InputSize + rng.NextInt(layer.OutputSize) : rng.NextInt(layer.ParameterCount);
                var i = layer.ParameterOffset + local;
                var numeric = ReferenceModel.NumericGradient(model.Options, p, xd, td, batch, i);
                var analytic = gradients[i];
                var error = Math.Abs(analytic - numeric);
                Assert.True(error <= 1e-2 * Math.Max(Math.Abs(analytic), Math.Abs(numeric)) + 2e-6,
                    $"{layer.Name} parameter {local}: analytic {analytic}, numeric {numeric} ({model.Options.HiddenActivation}/{model.Options.OutputActivation}/{model.Options.Loss}) sizes {string.Join(",", model.Options.LayerSizes)} code {model.CodeLayer} reg {model.Options.CodeRegularizer} decay {model.Options.WeightDecay} batch {batch}");
            }
        }
    }

    internal static float[] Gradients(Autoencoder model, int batch, float[] x, float[] t, out double loss)
    {
        var ws = new Workspace(model.Options, batch);
        x.CopyTo(ws.Input, 0);
        t.CopyTo(ws.Target, 0);
        var gradients = new float[model.ParameterCount];
        loss = ModelPass.ForwardBackward(model, ws, batch, 1, gradients);
        return gradients;
    }
}
