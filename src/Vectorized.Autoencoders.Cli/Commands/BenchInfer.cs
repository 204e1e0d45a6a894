using System.Globalization;
using System.Text.Json;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae bench infer</c>: microseconds per call of the public inference API on spans (Predict,
/// Encode, Decode: <see cref="Autoencoder.Predict(ReadOnlySpan{float}, int, Span{float}, int)"/>)
/// at each batch size, with the bytes a call allocates. It needs nothing but the executable, so a
/// NativeAOT build on the machine it will serve measures itself; BenchmarkDotNet's
/// InferenceBenchmarks put ONNX Runtime beside the same calls.
/// </summary>
public static class BenchInfer
{
    // Timed as bench gemm times (CallTiming). The process's first measurement warms up longer: the JIT
    // then has every method of the pass to recompile at tier 1, and 0.3 s left the conv model's first
    // figure (full, batch 1) 1.5-4x slow.
    private const double FirstWarmUpSeconds = 1.0;

    public static int Run(Arguments args, TextWriter stdout)
    {
        var modelName = args.String("model", "deep");
        var partName = args.String("part", "all");
        var batchList = args.String("batch", "1,128");
        var threads = args.Given("threads") ? args.Threads() : 1;
        var json = args.Flag("json");
        if (args.Help)
        {
            stdout.WriteLine($"usage: vecae bench infer [--model {string.Join('|', TrainPresets.Benchmarked)}|FILE] [--part full|encoder|decoder|all]");
            stdout.WriteLine("                         [--batch 1,128] [--threads auto|T] [--json]");
            stdout.WriteLine("times the inference calls (full: Predict, encoder: Encode, decoder: Decode) on MNIST-like inputs, each batch");
            stdout.WriteLine("size in turn: microseconds per call (best of 3 samples of 0.1 s after a warm-up of 0.3 s, 1 s for the first), images per second and");
            stdout.WriteLine("bytes the calling thread allocates per call; a preset name uses its untrained weights (seed 1), a FILE a trained model;");
            stdout.WriteLine("--threads defaults to 1 (latency, as ONNX Runtime's one intra-op thread in the benchmarks)");
            return 0;
        }

        args.EnsureAllUsed(maxPositionals: 1);
        var parts = partName switch
        {
            "all" => new[] { "full", "encoder", "decoder" },
            "full" or "encoder" or "decoder" => [partName],
            _ => throw new CliException($"bench infer: --part must be full, encoder, decoder or all, got '{partName}'"),
        };
        var batches = ParseBatches(batchList);
        var model = LoadModel(modelName);
        var isa = IsaSelector.Current.ToString().ToLowerInvariant();
        if (!json)
        {
            stdout.WriteLine($"bench infer: {modelName}, {threads} thread(s), {isa}, input {model.InputSize}, code {model.CodeSize}, output {model.OutputSize}");
            stdout.WriteLine($"{"part",-8} {"batch",6} {"us/call",10} {"images/s",11} {"bytes/call",11}");
        }

        var warmUp = FirstWarmUpSeconds;
        foreach (var part in parts)
        {
            foreach (var batch in batches)
            {
                var (seconds, bytes) = Measure(model, part, batch, threads, warmUp);
                warmUp = CallTiming.WarmUpSeconds;
                var micros = seconds * 1e6;
                var imagesPerSecond = batch / seconds;
                stdout.WriteLine(json
                    ? $$"""{"model":"{{JsonEncodedText.Encode(modelName)}}","part":"{{part}}","batch":{{batch}},"threads":{{threads}},"isa":"{{isa}}",{{JsonNumber.Field("us_per_call", micros, "F2")}},{{JsonNumber.Field("images_per_second", imagesPerSecond, "F0")}},"bytes_per_call":{{bytes}}}"""
                    : string.Create(CultureInfo.InvariantCulture, $"{part,-8} {batch,6} {micros,10:F2} {imagesPerSecond,11:F0} {bytes,11}"));
            }
        }

        return 0;
    }

    private static int[] ParseBatches(string text)
    {
        var batches = new List<int>();
        foreach (var item in text.Split(','))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var batch) || batch < 1 || batch > 65536)
            {
                throw new CliException($"bench infer: --batch takes sizes from 1 to 65536 separated by commas, got '{text}'");
            }

            batches.Add(batch);
        }

        return [.. batches];
    }

    private static Autoencoder LoadModel(string name) =>
        TrainPresets.Benchmarked.Contains(name) ? Autoencoder.Create(TrainPresets.Get(name).Architecture, 1)
        : File.Exists(name) ? EvalCommand.LoadModel("bench infer", name)
        : throw new CliException($"bench infer: --model must be one of {string.Join(", ", TrainPresets.Benchmarked)} or a model file; '{name}' is neither");

    /// <summary>Best seconds per call over <see cref="CallTiming.Samples"/> samples, and the bytes one call allocates.</summary>
    private static (double Seconds, long Bytes) Measure(Autoencoder model, string part, int batch, int threads, double warmUpSeconds)
    {
        var inputSize = part == "decoder" ? model.CodeSize : model.InputSize;
        var outputSize = part == "encoder" ? model.CodeSize : model.OutputSize;
        // MNIST-like inputs, as the BenchmarkDotNet benchmarks': most pixels black (and codes of the same spread).
        var random = new Random(42);
        var x = new float[(long)batch * inputSize];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble() < 0.8 ? 0f : (float)random.NextDouble();
        }

        var y = new float[(long)batch * outputSize];
        void Call()
        {
            switch (part)
            {
                case "encoder":
                    model.Encode(x, batch, y, threads);
                    break;
                case "decoder":
                    model.Decode(x, batch, y, threads);
                    break;
                default:
                    model.Predict(x, batch, y, threads);
                    break;
            }
        }

        Action call = Call;
        Func<double> clock = CallTiming.WallClock;
        var reps = CallTiming.WarmUp(call, warmUpSeconds);
        // The calling thread's count: the process's would take in whatever else runs (a test host's other
        // tests); with --threads 1 every call runs on this thread. The delegates are made before it.
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var best = CallTiming.BestSecondsPerCall(call, reps, clock);
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / ((long)CallTiming.Samples * reps);
        return (best, bytes);
    }
}
