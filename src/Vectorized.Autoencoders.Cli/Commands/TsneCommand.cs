using System.Globalization;
using System.Text;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae tsne</c>: a 2-D t-SNE map of MNIST test codes (or raw pixels, or any IDX matrix),
/// with its time, KL divergence and leave-one-out 10-NN label accuracy.
/// </summary>
public static class TsneCommand
{
    public const string DefaultDataDirectory = "data/mnist";
    private const string TestImages = "t10k-images-idx3-ubyte";
    private const string TestLabels = "t10k-labels-idx1-ubyte";

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var model = args.String("model");
        var input = args.String("input");
        var labelsPath = args.String("labels");
        var raw = args.Flag("raw");
        var data = args.String("data", DefaultDataDirectory);
        var points = args.Int("points", 10_000, 2);
        var perplexity = args.Float("perplexity", (float)TsneOptions.DefaultPerplexity, 1e-3f);
        var iterations = args.Int("iterations", TsneOptions.DefaultIterations, 0);
        var theta = args.Float("theta", TsneOptions.DefaultTheta, 0f);
        var seed = args.Int("seed", TsneOptions.DefaultSeed);
        var threads = args.Int("threads", Environment.ProcessorCount, 1, 1024);
        var output = args.String("out");
        var json = args.Flag("json");
        if (args.Help)
        {
            PrintHelp(stdout);
            return 0;
        }

        args.EnsureAllUsed();
        var sources = (model is null ? 0 : 1) + (input is null ? 0 : 1) + (raw ? 1 : 0);
        if (sources != 1)
        {
            throw new CliException("tsne: give exactly one of --model FILE, --input FILE or --raw");
        }

        float[] x;
        int n, d;
        int[]? labels;
        if (input is not null)
        {
            (x, n, d) = TsneInput.ReadMatrix(input, points);
            labels = labelsPath is null ? null : TsneInput.ReadLabels(labelsPath, points);
        }
        else if (raw)
        {
            (x, n, d) = TsneInput.ReadMatrix(Path.Combine(data, TestImages), points);
            labels = TsneInput.ReadLabels(labelsPath ?? Path.Combine(data, TestLabels), points);
        }
        else
        {
            // Encoding the test images needs the engine's Autoencoder.Load/Encode, not on this branch yet.
            throw new CliException($"tsne: --model {model}: model loading is not available in this build; embed codes with --input CODES.idx");
        }

        if (labels is not null && labels.Length != n)
        {
            throw new CliException($"tsne: {labelsPath}: {labels.Length} labels for {n} points");
        }

        if (n < 2)
        {
            throw new CliException("tsne: need at least 2 points");
        }

        var options = new TsneOptions
        {
            Perplexity = Math.Min(perplexity, (n - 1) / 3.0),
            Iterations = iterations,
            Theta = theta,
            Seed = seed,
            Threads = threads,
        };
        var result = TsneEmbedder.Fit(x, n, d, options);
        var accuracy = labels is null ? double.NaN : NeighborAccuracy.LeaveOneOut(result.Embedding, labels, n, NeighborAccuracy.DefaultNeighbors, threads);
        if (output is not null)
        {
            WriteOutput(output, result.Embedding, labels, n);
        }

        var inv = CultureInfo.InvariantCulture;
        if (json)
        {
            var acc = double.IsNaN(accuracy) ? "null" : accuracy.ToString("F4", inv);
            stdout.WriteLine(string.Create(inv, $$"""{"points":{{n}},"dimensions":{{d}},"perplexity":{{options.Perplexity}},"iterations":{{iterations}},"theta":{{theta}},"threads":{{threads}},"seconds":{{result.Seconds:F3}},"neighbor_seconds":{{result.NeighborSeconds:F3}},"optimization_seconds":{{result.OptimizationSeconds:F3}},"kl":{{result.KlDivergence:F4}},"knn10_accuracy":{{acc}}}"""));
        }
        else
        {
            stdout.WriteLine(string.Create(inv, $"tsne n={n} d={d} seconds {result.Seconds:F1} (neighbours {result.NeighborSeconds:F1}, optimisation {result.OptimizationSeconds:F1}) kl {result.KlDivergence:F3} knn10_acc {accuracy:F4}"));
        }

        return 0;
    }

    /// <summary>Writes the map as CSV (x,y,label); PNG/SVG scatter plots come with the plotting layer.</summary>
    // embedding: [n, 2]; labels: [n] or null
    private static void WriteOutput(string path, float[] embedding, int[]? labels, int n)
    {
        if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"tsne: --out {path}: only .csv is supported in this build");
        }

        var text = new StringBuilder("x,y,label\n");
        for (var i = 0; i < n; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{embedding[2 * i]:R},{embedding[2 * i + 1]:R},{(labels is null ? "" : labels[i].ToString(CultureInfo.InvariantCulture))}\n");
        }

        try
        {
            File.WriteAllText(path, text.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write ({e.Message})");
        }
    }

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("usage: vecae tsne (--model FILE | --input X.idx [--labels Y.idx] | --raw [--data DIR]) [--points N] [--perplexity 30]");
        stdout.WriteLine("                  [--iterations 1000] [--theta 0.5] [--seed S] [--threads T] [--out map.csv] [--json]");
        stdout.WriteLine("Barnes-Hut t-SNE to 2-D of the first N rows; prints seconds, KL divergence and the leave-one-out");
        stdout.WriteLine($"10-NN label accuracy in the map. --raw embeds the raw test pixels from --data (default {DefaultDataDirectory}).");
    }
}
