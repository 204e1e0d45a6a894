using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// Inference reads each linear layer's weights transposed once (TransposedWeightsGemv: row by row for
/// one to four rows, the SGEMM on its panels for more) instead of transposing them per call. The
/// outputs are the bits of the training pass's forward (the SGEMM on the weights as they are) and the
/// bits a batch of many rows gives each sample, and a model whose parameters change (training,
/// SetParameters) makes its prepared weights again rather than answer from old ones.
/// </summary>
public class FewRowInferenceTests
{
    public static TheoryData<string> Models => ["deep", "shallow", "vae"];

    private static AutoencoderOptions Options(string name) => name switch
    {
        "deep" => AutoencoderOptions.Deep,
        "shallow" => AutoencoderOptions.Shallow,
        _ => AutoencoderOptions.Variational,
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void EachSampleAloneGetsTheBitsOfItsRowInABatch(string name)
    {
        // A VAE decodes its means (no draw from the evaluation stream, which would differ per call).
        var model = Autoencoder.Create(Options(name), 5);
        model.SampleLatent = false;
        const int Count = 9;
        var x = TrainingTestData.Images(Count, model.InputSize, 7);
        var batchOutput = new float[Count * model.OutputSize];
        model.Predict(x, Count, batchOutput);
        var batchCodes = new float[Count * model.CodeSize];
        model.Encode(x, Count, batchCodes);
        var batchDecoded = new float[Count * model.OutputSize];
        model.Decode(batchCodes, Count, batchDecoded);

        // Rows one at a time, then in runs of two to four.
        foreach (var rows in new[] { 1, 2, 3, 4 })
        {
            for (var start = 0; start + rows <= Count; start += rows)
            {
                var output = new float[rows * model.OutputSize];
                model.Predict(x.AsSpan(start * model.InputSize, rows * model.InputSize), rows, output);
                Assert.True(output.AsSpan().SequenceEqual(batchOutput.AsSpan(start * model.OutputSize, rows * model.OutputSize)), $"{name}: Predict of rows {start}+{rows}");
                var codes = new float[rows * model.CodeSize];
                model.Encode(x.AsSpan(start * model.InputSize, rows * model.InputSize), rows, codes);
                Assert.True(codes.AsSpan().SequenceEqual(batchCodes.AsSpan(start * model.CodeSize, rows * model.CodeSize)), $"{name}: Encode of rows {start}+{rows}");
                var decoded = new float[rows * model.OutputSize];
                model.Decode(batchCodes.AsSpan(start * model.CodeSize, rows * model.CodeSize), rows, decoded);
                Assert.True(decoded.AsSpan().SequenceEqual(batchDecoded.AsSpan(start * model.OutputSize, rows * model.OutputSize)), $"{name}: Decode of rows {start}+{rows}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PredictHasTheBitsOfTheTrainingForwardAtEveryBatchSize(string name)
    {
        var model = Autoencoder.Create(Options(name), 3);
        model.SampleLatent = false;
        foreach (var count in new[] { 1, 4, 5, 37, 128, 129, 256, 300 })
        {
            var x = TrainingTestData.Images(count, model.InputSize, count);
            var predicted = new float[count * model.OutputSize];
            model.Predict(x, count, predicted);

            // The training pass's forward: no transposed weights, the SGEMM on W as stored.
            var expected = new float[count * model.OutputSize];
            var end = model.Network.Layers.Length;
            for (var start = 0; start < count; start += 256)
            {
                var rows = Math.Min(256, count - start);
                var ws = new Workspace(model.Network, rows);
                ModelPass.Forward(model, ws, x.AsSpan(start * model.InputSize, rows * model.InputSize), rows, 0, end, training: false, threads: 1);
                ws.Activations[end].AsSpan(0, rows * model.OutputSize).CopyTo(expected.AsSpan(start * model.OutputSize));
            }

            Assert.True(expected.AsSpan().SequenceEqual(predicted), $"{name}: Predict of {count} rows");
        }
    }

    [Fact]
    public void NewParametersAreUsedAfterSetParameters()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Deep, 5);
        var x = TrainingTestData.Images(1, model.InputSize, 8);
        var before = new float[model.OutputSize];
        model.Predict(x, 1, before);

        var other = Autoencoder.Create(AutoencoderOptions.Deep, 6);
        model.SetParameters(other.ParameterSpan);
        var after = new float[model.OutputSize];
        model.Predict(x, 1, after);
        var expected = new float[model.OutputSize];
        other.Predict(x, 1, expected);
        Assert.Equal(expected, after);
        Assert.NotEqual(before, after);
    }

    /// <summary>
    /// The conv denoiser's wide layers keep their weights in channel blocks for inference on AVX-512
    /// (<see cref="ChannelBlockedConv2D"/>): made again for new parameters, and the codes are the
    /// training pass's bits.
    /// </summary>
    [Fact]
    public void AConvModelsPreparedWeightsFollowSetParameters()
    {
        var model = Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 5);
        // The encoder's pooled 32->32 layer, the decoder's 7x7 one (a layer of its own, in 7-pixel
        // chunks) and its up-sampled 14x14 one. Asked of the AVX-512 path itself: other tests may
        // narrow the process's path meanwhile.
        var wide = model.Network.Steps.Count(step => step.Layer switch
        {
            Conv2DStep conv => ChannelBlockedConv2D.Supports(conv.Conv.Geometry, conv.Fusion, conv.Conv.Activation == Activation.Relu, Isa.Avx512),
            Conv2DLayer conv => conv.IsDirect && ChannelBlockedConv2D.Supports(conv.Geometry, Conv2DFusion.None, conv.Activation == Activation.Relu, Isa.Avx512),
            _ => false,
        });
        Assert.Equal(Avx512F.IsSupported ? 3 : 0, wide);

        const int Count = 3;
        var x = TrainingTestData.Images(Count, model.InputSize, 8);
        var before = new float[Count * model.CodeSize];
        model.Encode(x, Count, before);
        var other = Autoencoder.Create(AutoencoderOptions.ConvolutionalDenoising, 6);
        model.SetParameters(other.ParameterSpan);
        var after = new float[Count * model.CodeSize];
        model.Encode(x, Count, after);
        var expected = new float[Count * model.CodeSize];
        other.Encode(x, Count, expected);
        Assert.Equal(expected, after);
        Assert.NotEqual(before, after);

        // The training pass's forward (keeping the argmax) to the code.
        var ws = new Workspace(other.Network, Count);
        var codeAt = other.Network.CodeOutput;
        ModelPass.Forward(other, ws, x, Count, 0, codeAt, training: true, threads: 1);
        // The code is channel-major, [channels, image, pixel]; Encode gives rows.
        var channels = other.Network.Channels[codeAt];
        var plane = other.CodeSize / channels;
        var code = ws.Activations[codeAt];
        var trained = new float[Count * other.CodeSize];
        for (var n = 0; n < Count; n++)
        {
            for (var c = 0; c < channels; c++)
            {
                code.AsSpan(((c * Count) + n) * plane, plane).CopyTo(trained.AsSpan((n * other.CodeSize) + (c * plane), plane));
            }
        }

        Assert.Equal(trained, after);

        // The decoder the same way: from these codes, after SetParameters, the training pass's output.
        var decoded = new float[Count * model.OutputSize];
        model.Decode(after, Count, decoded);
        var end = other.Network.Layers.Length;
        ModelPass.Forward(other, ws, code.AsSpan(0, Count * other.CodeSize), Count, codeAt, end, training: true, threads: 1);
        Assert.Equal(ws.Activations[end].AsSpan(0, Count * other.OutputSize).ToArray(), decoded);
    }

    [Fact]
    public void NewParametersAreUsedAfterTrainingSteps()
    {
        var model = Autoencoder.Create(AutoencoderOptions.Shallow, 5);
        var x = TrainingTestData.Images(64, model.InputSize, 9);
        var one = new float[model.OutputSize];
        model.Predict(x.AsSpan(0, model.InputSize), 1, one);

        var trainer = new Trainer(model, new TrainingOptions { Epochs = 1, BatchSize = 32 });
        var samples = new FloatSamples(x, model.InputSize);
        trainer.TrainBatch(samples, null, [.. Enumerable.Range(0, 32)]);
        var trained = new float[model.OutputSize];
        model.Predict(x.AsSpan(0, model.InputSize), 1, trained);

        // A fresh model holding the trained parameters never saw the old ones.
        var fresh = Autoencoder.FromParameters(model.Options, model.ParameterSpan);
        var expected = new float[model.OutputSize];
        fresh.Predict(x.AsSpan(0, model.InputSize), 1, expected);
        Assert.Equal(expected, trained);
        Assert.NotEqual(one, trained);
    }
}
