using BenchmarkDotNet.Attributes;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>
/// SGEMM for every kernel variant (ISA path) on the shapes of <c>vecae bench gemm</c>:
/// square sizes, the autoencoder's layers, and the transposes its backprop uses.
/// Run with <c>--filter *Gemm*</c>; the FLOP rate is 2 m n k divided by the mean time.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private GemmShape _shape;

    public static IEnumerable<Isa> Paths => Enum.GetValues<Isa>().Where(isa => isa <= IsaSelector.Hardware);

    // m x k x n, then op(A) op(B): N plain, T transposed.
    public static IEnumerable<string> Shapes =>
    [
        "1024x1024x1024 NN",
        "32x784x128 NN",
        "256x784x128 NN",
        "256x128x784 NN",
        "784x256x128 NN",
        "32x784x128 NT",
        "32x128x784 NN",
        "128x32x784 TN",
        "784x32x128 TN",
    ];

    [ParamsSource(nameof(Paths))]
    public Isa Isa { get; set; }

    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _shape = GemmShape.Parse(Shape);
        var random = new Random(42);
        _a = Fill(_shape.M * _shape.K, random);
        _b = Fill(_shape.K * _shape.N, random);
        _c = new float[_shape.M * _shape.N];
    }

    [Benchmark]
    public void Multiply()
    {
        var s = _shape;
        Sgemm.Multiply(
            Isa, s.TransA, s.TransB, s.M, s.N, s.K, 1f,
            _a, s.TransA ? s.M : s.K, _b, s.TransB ? s.K : s.N, 0f, _c, s.N, Threads);
    }

    private static float[] Fill(int length, Random random)
    {
        var data = new float[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        return data;
    }

    private readonly record struct GemmShape(int M, int K, int N, bool TransA, bool TransB)
    {
        // "MxKxN OP", e.g. "32x784x128 NT"
        public static GemmShape Parse(string text)
        {
            var parts = text.Split(' ');
            var dims = parts[0].Split('x').Select(int.Parse).ToArray();
            return new GemmShape(dims[0], dims[1], dims[2], parts[1][0] == 'T', parts[1][1] == 'T');
        }
    }
}
