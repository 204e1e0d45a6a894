namespace Vectorized.Autoencoders.Onnx;

/// <summary>Which part of an autoencoder an ONNX file computes.</summary>
public enum OnnxPart
{
    /// <summary>Input to reconstruction: <c>input</c> [batch, InputSize] to <c>reconstruction</c> [batch, OutputSize].</summary>
    Full,

    /// <summary>Input to code: <c>input</c> [batch, InputSize] to <c>code</c> [batch, CodeSize].</summary>
    Encoder,

    /// <summary>Code to reconstruction: <c>code</c> [batch, CodeSize] to <c>reconstruction</c> [batch, OutputSize].</summary>
    Decoder,
}
