using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Onnx;

/// <summary>
/// Writes a trained model as an ONNX file that ONNX Runtime (and any ONNX consumer) runs: the
/// dense layers as Gemm (transB = 1) plus their activations, float32, with a symbolic
/// <c>batch</c> dimension on the input and output. No protobuf package is involved: the file is
/// encoded by hand (see <see cref="ProtoWriter"/>).
/// </summary>
public static class OnnxExport
{
    /// <summary>ONNX IR version 7 (ONNX 1.8), the one that introduced opset 13; readers of any later IR accept it.</summary>
    public const long IrVersion = 7;

    /// <summary>The ai.onnx operator set the graph binds to.</summary>
    public const long OpsetVersion = 13;

    /// <summary>Name of the graph input fed with samples (<see cref="OnnxPart.Full"/>, <see cref="OnnxPart.Encoder"/>).</summary>
    public const string InputName = "input";

    /// <summary>Name of the code: the encoder's output and the decoder's input.</summary>
    public const string CodeName = "code";

    /// <summary>Name of the reconstruction output (<see cref="OnnxPart.Full"/>, <see cref="OnnxPart.Decoder"/>).</summary>
    public const string ReconstructionName = "reconstruction";

    /// <summary>The symbolic first dimension of every input and output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>Writes <paramref name="part"/> of <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(Autoencoder model, OnnxPart part, string path)
    {
        var bytes = ToBytes(model, part);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>The bytes of the ONNX file for <paramref name="part"/> of <paramref name="model"/>.</summary>
    public static byte[] ToBytes(Autoencoder model, OnnxPart part)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxEncoder.Encode(AutoencoderGraph.Build(model, part));
    }

    /// <summary>The user-facing name of a part: full, encoder or decoder.</summary>
    public static string Name(OnnxPart part) => part switch
    {
        OnnxPart.Full => "full",
        OnnxPart.Encoder => "encoder",
        OnnxPart.Decoder => "decoder",
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    /// <summary>Parses <see cref="Name"/>'s output.</summary>
    public static bool TryParse(string text, out OnnxPart part)
    {
        foreach (var candidate in (ReadOnlySpan<OnnxPart>)[OnnxPart.Full, OnnxPart.Encoder, OnnxPart.Decoder])
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                part = candidate;
                return true;
            }
        }

        part = OnnxPart.Full;
        return false;
    }
}
