using System.Globalization;
using System.Text;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Plotting;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae tsne</c>: a 2-D t-SNE map of MNIST test codes (or raw pixels, or any IDX matrix),
/// with its time, KL divergence and leave-one-out 10-NN label accuracy.
/// </summary>
public static class TsneCommand
{
    public const string DefaultDataDirectory = "data/mnist";

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var model = args.String("model");
        var input = args.String("input");
        var labelsPath = args.String("labels");
        var raw = args.Flag("raw");
        var set = args.String("set", "test");
        var data = args.String("data", DefaultDataDirectory);
        // Default: every row of the source (the 10,000 test images, 70,000 with --set all).
        var points = args.Int("points", int.MaxValue, 2);
        var perplexity = args.Float("perplexity", (float)TsneOptions.DefaultPerplexity, 1e-3f);
        var iterations = args.Int("iterations", TsneOptions.DefaultIterations, 0);
        var theta = args.Float("theta", TsneOptions.DefaultTheta, 0f);
        var seed = args.Int("seed", TsneOptions.DefaultSeed);
        var threads = args.Threads();
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
            throw new CliException("tsne: give exactly one of --model FILE, --raw or --input FILE");
        }

        if (labelsPath is not null && input is null)
        {
            throw new CliException("tsne: --labels goes with --input; MNIST inputs bring their own labels");
        }

        if (set is not ("test" or "all"))
        {
            throw new CliException($"tsne: --set must be test or all (train + test), got '{set}'");
        }

        float[] x;
        int n, d;
        int[]? labels;
        if (input is not null)
        {
            (x, n, d) = TsneInput.ReadMatrix(input, points);
            labels = labelsPath is null ? null : TsneInput.ReadLabels(labelsPath, points);
        }
        else
        {
            var loaded = model is null ? null : EvalCommand.LoadModel("tsne", model);
            (x, n, d, labels) = TsneInput.Mnist(data, set == "all", points);
            if (loaded is not null)
            {
                if (loaded.InputSize != d)
                {
                    throw new CliException($"tsne: {model}: the model takes {loaded.InputSize} inputs, the images have {d}");
                }

                var codes = new float[n * loaded.CodeSize];
                loaded.Encode(x, n, codes, threads);
                (x, d) = (codes, loaded.CodeSize);
            }
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
            // Short enough for the plot's title line at its default width.
            var source = input is not null ? "rows" : model is not null ? "codes" : "pixel images";
            var title = string.Create(CultureInfo.InvariantCulture, $"t-SNE of {n} {source}: {result.Seconds:F0} s, 10-NN accuracy {accuracy:F3}");
            WriteOutput(output, title, result.Embedding, labels, n);
        }

        var inv = CultureInfo.InvariantCulture;
        if (json)
        {
            var acc = double.IsNaN(accuracy) ? "null" : accuracy.ToString("F4", inv);
            stdout.WriteLine(string.Create(inv, $$"""{"points":{{n}},"dimensions":{{d}},"perplexity":{{options.Perplexity}},"iterations":{{iterations}},"theta":{{theta}},"threads":{{threads}},"seconds":{{result.Seconds:F3}},"neighbor_seconds":{{result.NeighborSeconds:F3}},"optimization_seconds":{{result.OptimizationSeconds:F3}},{{JsonNumber.Field("kl", result.KlDivergence, "F4")}},"knn10_accuracy":{{acc}}}"""));
        }
        else
        {
            stdout.WriteLine(string.Create(inv, $"tsne n={n} d={d} seconds {result.Seconds:F1} (neighbours {result.NeighborSeconds:F1}, optimisation {result.OptimizationSeconds:F1}) kl {result.KlDivergence:F3} knn10_acc {accuracy:F4}"));
        }

        return 0;
    }

    /// <summary>Writes the map by extension: .png or .svg scatter plot coloured by label, or .csv (x,y,label).</summary>
    // embedding: [n, 2]; labels: [n] or null
    private static void WriteOutput(string path, string title, float[] embedding, int[]? labels, int n)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg" or ".csv"))
        {
            throw new CliException($"tsne: --out {path}: expected a .png, .svg or .csv file");
        }

        var classes = new byte[n];
        for (var i = 0; i < n && labels is not null; i++)
        {
            classes[i] = (byte)labels[i];
        }

        // A failure is a FileWriteException, "PATH: reason", printed by CommandLine.
        switch (extension)
        {
            case ".png":
                PngWriter.WriteFile(path, ScatterPlot.ToRaster(title, "t-SNE 1", "t-SNE 2", embedding, classes));
                break;
            case ".svg":
                AtomicFile.WriteAllText(path, ScatterPlot.ToSvg(title, "t-SNE 1", "t-SNE 2", embedding, classes));
                break;
            default:
                var text = new StringBuilder("x,y,label\n");
                for (var i = 0; i < n; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{embedding[2 * i]:R},{embedding[2 * i + 1]:R},{(labels is null ? "" : labels[i].ToString(CultureInfo.InvariantCulture))}\n");
                }

                AtomicFile.WriteAllText(path, text.ToString());
                break;
        }
    }

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("usage: vecae tsne (--model FILE | --raw | --input X.idx|X.npy [--labels Y.idx]) [--set test|all] [--data DIR] [--points N (all)]");
        stdout.WriteLine("                  [--perplexity 30] [--iterations 1000] [--theta 0.5] [--seed S] [--threads auto|T] [--out tsne.png] [--json]");
        stdout.WriteLine("Barnes-Hut t-SNE to 2-D of the first N rows; prints seconds, KL divergence and the leave-one-out 10-NN label");
        stdout.WriteLine("accuracy in the map. --model embeds the model's codes of the MNIST images, --raw their pixels / 255 (test set,");
        stdout.WriteLine($"or --set all: 60,000 train then 10,000 test; --data default {DefaultDataDirectory}); --input any u8/f32 IDX or .npy matrix.");
        stdout.WriteLine("--out draws the map coloured by label (.png or .svg) or writes x,y,label rows (.csv).");
    }
}
