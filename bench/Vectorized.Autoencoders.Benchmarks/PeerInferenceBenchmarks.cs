using BenchmarkDotNet.Attributes;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// The two sides of an inference benchmark against ONNX Runtime: a derived class's setup makes the
/// <see cref="OnnxRuntimePeer"/> for its model, part and batch; both sides run on one thread.
/// </summary>
[MemoryDiagnoser]
public abstract class PeerInferenceBenchmarks
{
    private protected OnnxRuntimePeer Peer { get; set; } = null!;

    [GlobalCleanup]
    public void Cleanup() => Peer.Dispose();

    /// <summary>vecae's public inference API, one thread.</summary>
    [Benchmark(Baseline = true)]
    public float Vecae() => Peer.RunVecae();

    /// <summary>ONNX Runtime (CPU execution provider, one intra-op thread) on the exported file.</summary>
    [Benchmark]
    public float OnnxRuntime() => Peer.RunOnnxRuntime();
}
