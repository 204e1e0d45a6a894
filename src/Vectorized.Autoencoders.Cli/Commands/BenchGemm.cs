using System.Globalization;
using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae bench gemm</c>: SGEMM throughput per shape and thread count, as a table or as one
/// JSON object per line. Each figure is the best of several timed samples after a warm-up,
/// the way the OpenBLAS peer script measures, so the two compare in the same run.
/// </summary>
public static class BenchGemm
{
    // m x k x n (the peers' order), then op(A), op(B): square sizes, the article's batch-32 and
    // batch-256 layers as numpy runs them, then the transposes the layers' forward and backward use.
    private static readonly (int M, int K, int N, bool TransA, bool TransB)[] DefaultShapes =
    [
        (1024, 1024, 1024, false, false),
        (2048, 2048, 2048, false, false),
        (32, 784, 128, false, false),
        (256, 784, 128, false, false),
        (256, 128, 784, false, false),
        (784, 256, 128, false, false),
        (32, 784, 128, false, true),   // forward y = x W^T, W [128, 784]
        (32, 128, 784, false, false),  // dX = dY W
        (128, 32, 784, true, false),   // dW = dY^T X, k = batch
        (784, 32, 128, true, false),   // dW of the decoder's 128 -> 784 layer
        (256, 784, 128, false, true),
        (128, 256, 784, true, false),
    ];

    public static int Run(Arguments args, TextWriter stdout)
    {
        var json = args.Flag("json");
        var transA = args.Flag("transa");
        var transB = args.Flag("transb");
        var m = args.Int("m", 0, 1, 16384);
        var n = args.Int("n", 0, 1, 16384);
        var k = args.Int("k", 0, 1, 16384);
        var threadsFlag = args.Int("threads", 0, 1, 1024);
        var isaName = args.String("isa");
        var cpuTime = args.Flag("cpu-time");
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae bench gemm [--m M --n N --k K] [--transa] [--transb] [--threads T] [--isa scalar|v128|avx2|avx512] [--cpu-time] [--json]");
            stdout.WriteLine("times C = op(A) op(B) (m x k times k x n); without --m/--n/--k runs the default shapes, with threads 1 then 2");
            stdout.WriteLine("--cpu-time: GFLOP per second of this process's CPU time per thread instead of wall-clock time,");
            stdout.WriteLine("            a figure other processes' load barely moves (meaningful for --threads 1)");
            return 0;
        }

        args.EnsureAllUsed(maxPositionals: 1);
        if ((m | n | k) != 0 && (m == 0 || n == 0 || k == 0))
        {
            throw new CliException("bench gemm: give all of --m, --n and --k, or none");
        }

        if (isaName is not null)
        {
            ForceIsa(isaName);
        }

        var shapes = m == 0 ? DefaultShapes : [(m, k, n, transA, transB)];
        int[] threadCounts = threadsFlag == 0 ? [1, 2] : [threadsFlag];
        var kernel = Sgemm.KernelName(IsaSelector.Current);
        if (!json)
        {
            stdout.WriteLine($"{"m",6} {"k",6} {"n",6} {"op",5} {"threads",7} {"kernel",-14} {"GFLOP/s",8}");
        }

        foreach (var threads in threadCounts)
        {
            foreach (var s in shapes)
            {
                var gflops = Measure(s.M, s.N, s.K, s.TransA, s.TransB, threads, cpuTime);
                var g = gflops.ToString("F1", CultureInfo.InvariantCulture);
                if (json)
                {
                    stdout.WriteLine($$"""{"m":{{s.M}},"n":{{s.N}},"k":{{s.K}},"transA":{{Lower(s.TransA)}},"transB":{{Lower(s.TransB)}},"threads":{{threads}},"kernel":"{{kernel}}",{{JsonNumber.Field("gflops", gflops, "F1")}}{{(cpuTime ? ",\"clock\":\"cpu\"" : "")}}}""");
                }
                else
                {
                    var op = (s.TransA ? "T" : "N") + (s.TransB ? "T" : "N");
                    stdout.WriteLine($"{s.M,6} {s.K,6} {s.N,6} {op,5} {threads,7} {kernel,-14} {g,8}");
                }
            }
        }

        return 0;
    }

    /// <summary>Best GFLOP/s over <see cref="CallTiming.Samples"/> samples, each long enough to swamp the timer.</summary>
    private static double Measure(int m, int n, int k, bool transA, bool transB, int threads, bool cpuTime)
    {
        var random = new Random(42);
        var a = RandomArray(m * k, random);
        var b = RandomArray(k * n, random);
        var c = new float[m * n];
        int lda = transA ? m : k, ldb = transB ? k : n;
        void Call() => Sgemm.Multiply(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n, threads);

        // Warm-up: JIT to the final tier, pack buffers grown, then calibrate the repetitions per sample.
        var reps = CallTiming.WarmUp(Call);
        // Environment.CpuUsage has microsecond resolution (Process.TotalProcessorTime has clock ticks of 10 ms).
        Func<double> clock = cpuTime ? () => Environment.CpuUsage.TotalTime.TotalSeconds / threads : CallTiming.WallClock;
        return 2.0 * m * n * k / CallTiming.BestSecondsPerCall(Call, reps, clock) / 1e9;
    }

    private static void ForceIsa(string name)
    {
        Isa isa;
        try
        {
            isa = IsaSelector.Parse(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"bench gemm: {e.Message}");
        }

        if (isa > IsaSelector.Hardware)
        {
            throw new CliException($"bench gemm: --isa {name} is not supported by this CPU (widest: {IsaSelector.Hardware.ToString().ToLowerInvariant()})");
        }

        IsaSelector.Force(isa);
    }

    private static float[] RandomArray(int length, Random random)
    {
        var data = new float[length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)random.NextDouble();
        }

        return data;
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
