using Microsoft.ML.OnnxRuntime;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.OnnxTests;

/// <summary>ONNX Runtime, the engine a .NET user would deploy with, runs each exported file and agrees with vecae's own inference.</summary>
public class OnnxRuntimeTests
{
    /// <summary>The agreement asked for: 1e-5, relative to the value once it exceeds 1 (float32 sums in another order).</summary>
    private const float Tolerance = 1e-5f;

    [Theory]
    [MemberData(nameof(ExportedModels.KindsAndParts), MemberType = typeof(ExportedModels))]
    public void OnnxRuntimeMatchesVecae(string kind, OnnxPart part)
    {
        using var folder = new TempFolder();
        var model = ExportedModels.Model(kind);
        var path = ExportedModels.Export(model, kind, part, folder.Path);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);

        var (inputName, inputSize) = part == OnnxPart.Decoder ? (OnnxExport.CodeName, model.CodeSize) : (OnnxExport.InputName, model.InputSize);
        var (outputName, outputSize) = part == OnnxPart.Encoder ? (OnnxExport.CodeName, model.CodeSize) : (OnnxExport.ReconstructionName, model.OutputSize);
        Assert.Equal([inputName], session.InputMetadata.Keys);
        Assert.Equal([outputName], session.OutputMetadata.Keys);
        // The batch dimension is symbolic: -1 in ONNX Runtime's metadata.
        Assert.Equal([-1, inputSize], session.InputMetadata[inputName].Dimensions);
        Assert.Equal([-1, outputSize], session.OutputMetadata[outputName].Dimensions);

        // Several batch sizes through one session: the file must not have frozen the batch.
        foreach (var batch in new[] { 1, 7, 64 })
        {
            var x = Inputs(batch * inputSize, seed: batch);
            var expected = new float[batch * outputSize];
            Run(model, part, x, batch, expected);

            using var input = OrtValue.CreateTensorValueFromMemory(x, [batch, inputSize]);
            using var results = session.Run(new RunOptions(), [inputName], [input], [outputName]);
            var actual = results[0].GetTensorDataAsSpan<float>();
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                var error = Math.Abs(actual[i] - expected[i]);
                Assert.True(error <= Tolerance * Math.Max(1f, Math.Abs(expected[i])), $"{kind} {part} batch {batch}: element {i} is {actual[i]} in ONNX Runtime, {expected[i]} in vecae");
            }
        }
    }

    [Fact]
    public void EveryKindHasAllThreeParts() =>
        Assert.Equal(ExportedModels.Kinds.Count * 3, ExportedModels.KindsAndParts().Count);

    private static void Run(Autoencoder model, OnnxPart part, float[] x, int batch, float[] y)
    {
        switch (part)
        {
            case OnnxPart.Full:
                model.Predict(x, batch, y, threads: 1);
                break;
            case OnnxPart.Encoder:
                model.Encode(x, batch, y, threads: 1);
                break;
            default:
                model.Decode(x, batch, y, threads: 1);
                break;
        }
    }

    /// <summary>Values in [0, 1] like pixels, or codes; both halves see the same kind of input in tests.</summary>
    private static float[] Inputs(int count, int seed)
    {
        var random = new Random(seed);
        var x = new float[count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = (float)random.NextDouble();
        }

        return x;
    }
}
