using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// Inference of the article's deep model (784-128-32-128-784) in vecae beside ONNX Runtime running
/// the very model vecae exports, both on one thread: the encoder, the decoder and the full model, batch 1
/// (latency) and batch 256 (throughput) (<see cref="OnnxRuntimePeer"/>).
/// Run: dotnet run -c Release --project bench/Vectorized.Autoencoders.Benchmarks -- --filter *InferenceBenchmarks*
/// Goals (issue 12): vecae at most 0.5x ONNX Runtime's time at batch 1, at least 1.2x its throughput at batch 256.
/// </summary>
public class InferenceBenchmarks : PeerInferenceBenchmarks
{
    [Params(OnnxPart.Encoder, OnnxPart.Decoder, OnnxPart.Full)]
    public OnnxPart Part { get; set; }

    [Params(1, 256)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup() => Peer = new OnnxRuntimePeer(Autoencoder.Create(AutoencoderOptions.Deep, 1), Part, Batch);
}
