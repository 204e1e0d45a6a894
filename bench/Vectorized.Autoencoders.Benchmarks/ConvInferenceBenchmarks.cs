using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// Inference of the Keras blog's convolutional models (<c>conv</c>: a 4x4x8 code; <c>conv-denoising</c>:
/// 7x7x32) in vecae beside ONNX Runtime running the file vecae exports (Conv, MaxPool, Resize in NCHW),
/// both on one thread: the encoder (codes for t-SNE) and the full model (denoising), batch 1 (latency)
/// and batch 128 (throughput) (<see cref="OnnxRuntimePeer"/>).
/// Run: dotnet run -c Release --project bench/Vectorized.Autoencoders.Benchmarks -- --filter *ConvInferenceBenchmarks*
/// </summary>
public class ConvInferenceBenchmarks : PeerInferenceBenchmarks
{
    [Params("conv", "conv-denoising")]
    public string Model { get; set; } = "conv";

    [Params(OnnxPart.Encoder, OnnxPart.Full)]
    public OnnxPart Part { get; set; }

    [Params(1, 128)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Model == "conv" ? AutoencoderOptions.Convolutional : AutoencoderOptions.ConvolutionalDenoising;
        Peer = new OnnxRuntimePeer(Autoencoder.Create(options, 1), Part, Batch);
    }
}
