using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>The reductions on every path.</summary>
public class KernelReductionBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];

    [ParamsSource(typeof(KernelBenchmarkData), nameof(KernelBenchmarkData.Paths))]
    public Isa Isa { get; set; }

    [Params(KernelBenchmarkData.BatchOfImages)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = KernelBenchmarkData.Uniform(Length, -1, 1, 3);
        _y = KernelBenchmarkData.Uniform(Length, -1, 1, 4);
    }

    [Benchmark]
    public float Sum() => Reductions.Sum(_x, Isa);

    [Benchmark]
    public float SumOfMagnitudes() => Reductions.SumOfMagnitudes(_x, Isa);

    [Benchmark]
    public float Max() => Reductions.Max(_x, Isa);

    [Benchmark]
    public float Dot() => Reductions.Dot(_x, _y, Isa);
}
