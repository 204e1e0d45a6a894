using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>One kernel per element-wise family (arithmetic, axpy, activation, its backward, transcendental) on every path.</summary>
[MemoryDiagnoser]
public class KernelElementWiseBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _destination = [];

    [ParamsSource(typeof(KernelBenchmarkData), nameof(KernelBenchmarkData.Paths))]
    public Isa Isa { get; set; }

    [Params(KernelBenchmarkData.BatchOfImages)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = KernelBenchmarkData.Uniform(Length, -8, 8, 1);
        _y = KernelBenchmarkData.Uniform(Length, 0, 1, 2);
        _destination = new float[Length];
    }

    [Benchmark]
    public void Add() => ElementWise.Add(_x, _y, _destination, Isa);

    [Benchmark]
    public void AddScaled() => ElementWise.AddScaled(_x, 1e-3f, _destination, Isa);

    [Benchmark]
    public void Relu() => ElementWise.Relu(_x, _destination, Isa);

    [Benchmark]
    public void ReluBackward() => ElementWise.ReluBackward(_x, _y, _destination, Isa);

    [Benchmark]
    public void Sigmoid() => ElementWise.Sigmoid(_x, _destination, Isa);

    [Benchmark]
    public void SigmoidBackward() => ElementWise.SigmoidBackward(_y, _x, _destination, Isa);

    [Benchmark]
    public void Tanh() => ElementWise.Tanh(_x, _destination, Isa);

    [Benchmark]
    public void Exp() => ElementWise.Exp(_x, _destination, Isa);

    [Benchmark]
    public void Log() => ElementWise.Log(_y, _destination, Isa);
}
