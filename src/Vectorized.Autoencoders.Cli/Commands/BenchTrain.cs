using System.Globalization;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae bench train</c>: seconds per epoch of one of the article's models on MNIST, with the
/// throughput in samples and in GEMM GFLOP per second. The first epoch carries JIT warm-up and
/// first-touch costs, so the figure to quote is the best of the later ones; compare it with
/// PyTorch measured in the same run (tools/bench-train.sh does both).
/// </summary>
public static class BenchTrain
{
    public static int Run(Arguments args, TextWriter stdout)
    {
        var modelName = args.String("model", "deep");
        var batch = args.Int("batch", TrainPresets.DefaultBatch(modelName), 1, 65536);
        var threads = args.Threads();
        var epochs = args.Int("epochs", 3, 2, 1000);
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var json = args.Flag("json");
        var phases = args.Flag("phases");
        if (args.Help)
        {
            stdout.WriteLine($"usage: vecae bench train [--model {string.Join('|', TrainPresets.Benchmarked)}] [--batch B] [--threads auto|T] [--epochs N] [--data DIR] [--phases] [--json]");
            stdout.WriteLine("trains the article's model on MNIST for N epochs (default 3, at least 2) and prints seconds, samples/s and");
            stdout.WriteLine("GEMM GFLOP/s per epoch; epoch 1 carries warm-up, the summary is the best of the later epochs;");
            stdout.WriteLine("the denoisers train on their noise, drawn again each epoch as train does;");
            stdout.WriteLine("the ratio to the FLOP floor is the epoch's time over the GEMM FLOPs at the 1024^3 rate of this run;");
            stdout.WriteLine("--phases: then microseconds per step of each phase and layer, over the epochs after the first");
            return 0;
        }

        args.EnsureAllUsed(maxPositionals: 1);
        var (architecture, _, noise) = TrainPresets.Benchmarked.Contains(modelName)
            ? TrainPresets.Get(modelName)
            : throw new CliException($"bench train: --model must be one of {string.Join(", ", TrainPresets.Benchmarked)}, got '{modelName}'");

        var train = TrainData.Load(dataDir).Train;
        var gflopPerEpoch = GemmFlopsPerSample(architecture) * train.Count / 1e9;
        var trainer = new Trainer(Autoencoder.Create(architecture, 1), new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = batch,
            Threads = threads,
            NoiseStd = noise,
            Adam = TrainPresets.Adam(modelName, batch),
        });
        var isa = IsaSelector.Current.ToString().ToLowerInvariant();
        var peak = PeakGflops(threads);
        var floorSeconds = gflopPerEpoch / peak;
        if (!json)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench train: {modelName}, batch {batch}, {threads} thread(s), {isa}, {train.Count} samples{(noise > 0 ? $" with noise {noise:0.##}" : "")}, {gflopPerEpoch:F1} GFLOP of GEMM per epoch"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FLOP floor: {floorSeconds:F3} s per epoch at this run's 1024^3 GEMM rate, {peak:F1} GFLOP/s on {threads} thread(s)"));
            if (threads > 1)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"threads: a helper joins in {Trainer.HelperJoinMicroseconds:F1} us here; calls shorter than {2 * Trainer.MinParallelShareMicroseconds:F0} us run on one thread"));
            }
            stdout.WriteLine($"{"epoch",5} {"seconds",9} {"samples/s",11} {"GFLOP/s",9} {"x floor",8}");
        }

        var best = double.MaxValue;
        for (var e = 1; e <= epochs; e++)
        {
            var seconds = trainer.RunEpoch(train, null)!.Seconds;
            if (e > 1)
            {
                best = Math.Min(best, seconds);
            }
            else if (phases)
            {
                trainer.MeasurePhases = true;
            }

            var line = json
                ? string.Create(CultureInfo.InvariantCulture,
                    $$"""{"model":"{{modelName}}","batch":{{batch}},"threads":{{threads}},"isa":"{{isa}}",{{JsonNumber.Field("noise", noise, "0.##")}},"epoch":{{e}},"warmup":{{(e == 1 ? "true" : "false")}},{{JsonNumber.Field("seconds", seconds, "F4")}},{{JsonNumber.Field("samples_per_second", train.Count / seconds, "F0")}},{{JsonNumber.Field("gflops", gflopPerEpoch / seconds, "F1")}},{{JsonNumber.Field("floor_ratio", seconds / floorSeconds, "F3")}}}""")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{e,5} {seconds,9:F3} {train.Count / seconds,11:F0} {gflopPerEpoch / seconds,9:F1} {seconds / floorSeconds,8:F2}{(e == 1 ? "  (warm-up)" : "")}");
            stdout.WriteLine(line);
        }

        if (!json)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"best of epochs 2-{epochs}: {best:F3} s per epoch, {train.Count / best:F0} samples/s, {gflopPerEpoch / best:F1} GFLOP/s, {best / floorSeconds:F2}x the FLOP floor"));
        }

        if (phases)
        {
            WritePhases(trainer, json, stdout);
        }

        return 0;
    }

    // The best of a few 1024^3 products on this run's threads: the rate the FLOP floor is measured at.
    private static double PeakGflops(int threads)
    {
        const int size = 1024;
        var a = new float[size * size];
        var b = new float[size * size];
        var c = new float[size * size];
        a.AsSpan().Fill(0.5f);
        b.AsSpan().Fill(0.25f);
        var best = double.MaxValue;
        for (var r = 0; r < 6; r++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            Vectorized.Autoencoders.Gemm.Sgemm.Multiply(false, false, size, size, size, 1f, a, size, b, size, 0f, c, size, threads);
            best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        return 2.0 * size * size * size / best / 1e9;
    }

    private static void WritePhases(Trainer trainer, bool json, TextWriter stdout)
    {
        var times = trainer.PhaseTimes();
        var total = times.Sum(t => t.Value);
        // The name column as wide as the longest phase (a fused step's names run long).
        var width = Math.Max(34, times.Select(t => t.Key.Length).DefaultIfEmpty(0).Max());
        if (!json)
        {
            stdout.WriteLine($"{"phase".PadRight(width)} {"us/step",9} {"share",7}");
        }

        foreach (var (phase, micros) in times.Append(KeyValuePair.Create("step", total)))
        {
            stdout.WriteLine(json
                ? string.Create(CultureInfo.InvariantCulture, $$"""{"phase":"{{phase}}",{{JsonNumber.Field("us_per_step", micros, "F2")}}}""")
                : string.Create(CultureInfo.InvariantCulture, $"{phase.PadRight(width)} {micros,9:F1} {micros / total,7:P1}"));
        }
    }

    /// <summary>
    /// Floating-point operations of the GEMMs one sample costs in a training step: the forward
    /// x W^T of every layer, the weight gradient of every layer, and the input gradient of every
    /// layer but the first (nothing needs the gradient with respect to the data); 2 per multiply-add.
    /// </summary>
    public static double GemmFlopsPerSample(AutoencoderOptions architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        if (architecture.IsConvolutional)
        {
            return ConvolutionFlopsPerSample(architecture == AutoencoderOptions.Convolutional ? SmallConvolutions : DenoisingConvolutions);
        }

        var shapes = architecture.IsVariational
            ? Network.VariationalLinearShapes(architecture)
            : [.. Enumerable.Range(0, architecture.LayerCount).Select(l => (architecture.LayerSizes[l], architecture.LayerSizes[l + 1]))];
        double all = 0, allButFirst = 0;
        for (var l = 0; l < shapes.Count; l++)
        {
            var weights = (double)shapes[l].FanIn * shapes[l].FanOut;
            all += weights;
            allButFirst += l > 0 ? weights : 0;
        }

        return 2 * ((2 * all) + allButFirst);
    }

    // Each convolution of pytorch_convae.py as (in channels, out channels, output pixels), 3x3 kernels;
    // a test checks these against the library's layer list.
    private static readonly (int In, int Out, int Pixels)[] SmallConvolutions =
        [(1, 16, 784), (16, 8, 196), (8, 8, 49), (8, 8, 16), (8, 8, 64), (8, 16, 196), (16, 1, 784)];

    private static readonly (int In, int Out, int Pixels)[] DenoisingConvolutions =
        [(1, 32, 784), (32, 32, 196), (32, 32, 49), (32, 32, 196), (32, 1, 784)];

    /// <summary>As for dense layers, with a convolution's GEMM of out x (in 9) x pixels multiply-adds.</summary>
    private static double ConvolutionFlopsPerSample((int In, int Out, int Pixels)[] convolutions)
    {
        double all = 0, allButFirst = 0;
        for (var l = 0; l < convolutions.Length; l++)
        {
            var (input, output, pixels) = convolutions[l];
            var multiplies = (double)output * input * 9 * pixels;
            all += multiplies;
            allButFirst += l > 0 ? multiplies : 0;
        }

        return 2 * ((2 * all) + allButFirst);
    }
}
