using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// The non-GEMM kernels of one training step of the shallow autoencoder (784-32-784, batch 32):
/// the loss over the reconstruction, the decoder's bias add and bias gradient, and the Adam update
/// of all 50,992 parameters.
/// </summary>
public class KernelTrainingStepBenchmarks
{
    private const int Batch = 32;
    private const int Pixels = 784;
    private const int Parameters = (784 * 32) + 32 + (32 * 784) + 784;

    private float[] _logits = [];
    private float[] _targets = [];
    private float[] _gradient = [];
    private float[] _activations = [];
    private float[] _bias = [];
    private float[] _biasGradient = [];
    private float[] _parameterGradient = [];
    private float[] _m = [];
    private float[] _v = [];
    private float[] _parameters = [];

    [ParamsSource(typeof(KernelBenchmarkData), nameof(KernelBenchmarkData.Paths))]
    public Isa Isa { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _logits = KernelBenchmarkData.Uniform(Batch * Pixels, -8, 8, 5);
        _targets = KernelBenchmarkData.Uniform(Batch * Pixels, 0, 1, 6);
        _gradient = new float[Batch * Pixels];
        _activations = new float[Batch * Pixels];
        _bias = KernelBenchmarkData.Uniform(Pixels, -0.1f, 0.1f, 7);
        _biasGradient = new float[Pixels];
        _parameterGradient = KernelBenchmarkData.Uniform(Parameters, -0.01f, 0.01f, 8);
        _m = new float[Parameters];
        _v = new float[Parameters];
        _parameters = KernelBenchmarkData.Uniform(Parameters, -0.1f, 0.1f, 9);
    }

    [Benchmark]
    public float BinaryCrossEntropyLossAndGradient() => BinaryCrossEntropyKernel.LossAndGradient(_logits, _targets, _gradient, Isa);

    [Benchmark]
    public void AddBias() => RowOps.AddBias(_bias, Batch, _activations, Isa);

    [Benchmark]
    public void SumColumns() => RowOps.SumColumns(_gradient, Batch, _biasGradient, Isa);

    [Benchmark]
    public void AdamStep() => AdamKernel.Step(_parameterGradient, 1e-3f, 0.9f, 0.999f, 1e-7f, 10, _m, _v, _parameters, Isa);
}
