using System.Globalization;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae score</c>: each sample's reconstruction error under a saved model, the usual anomaly
/// score of an autoencoder (a sample unlike the training data reconstructs badly), written as
/// float32 [count]; optionally the worst-reconstructed samples listed and drawn.
/// </summary>
public static class ScoreCommand
{
    /// <summary>Samples scored per forward pass.</summary>
    private const int Chunk = 1024;

    /// <summary>Keras' epsilon: predictions are clipped to [Epsilon, 1 - Epsilon] before the logs of the bce metric.</summary>
    private const double Epsilon = 1e-7;

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var input = args.String("input");
        var set = args.String("set", "test");
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var outPath = args.String("out");
        var metric = args.String("metric", "mse");
        var figure = args.String("figure");
        var top = args.Int("top", figure is null ? 0 : 20, 0, 1000);
        var threads = args.Threads();
        if (args.Help)
        {
            PrintHelp(stdout);
            return 0;
        }

        args.EnsureAllUsed();
        if (metric is not ("mse" or "bce"))
        {
            throw new CliException($"score: --metric must be mse or bce, got '{metric}'");
        }

        if (set is not ("test" or "train"))
        {
            throw new CliException($"score: --set must be test or train, got '{set}'");
        }

        if (outPath is null && figure is null && top == 0)
        {
            throw new CliException("score: nothing to do; give --out scores.npy, --top K or --figure worst.png");
        }

        if (figure is not null && !figure.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException($"score: --figure {figure}: expected a .png file");
        }

        var model = EvalCommand.LoadModel("score", modelPath);
        var source = input ?? dataDir;
        var data = input is not null ? SampleMatrix.Read(input, unitRange: false) : Pick(TrainData.LoadMatrices(dataDir), set);
        if (data.Columns != model.InputSize || model.OutputSize != model.InputSize)
        {
            throw new CliException($"score: {source}: samples have {data.Columns} values; the model maps {model.InputSize} inputs to {model.OutputSize} outputs");
        }

        if (figure is not null && !data.IsImages)
        {
            throw new CliException($"score: --figure needs images ([count, height, width]); {source} holds vectors of {data.Columns} values");
        }

        var scores = Score(model, data, metric == "bce", threads);
        if (outPath is not null)
        {
            EncodeCommand.WriteFloat32(outPath, scores, scores.Length, 0);
            stderr.WriteLine($"wrote {scores.Length} scores to {outPath}");
        }

        var inv = CultureInfo.InvariantCulture;
        var mean = scores.Length == 0 ? double.NaN : scores.Average(s => (double)s);
        stdout.WriteLine(string.Create(inv, $"{scores.Length} samples, {metric} mean {mean:G6}, max {(scores.Length == 0 ? double.NaN : scores.Max()):G6}"));
        var worst = Worst(scores, Math.Min(top, scores.Length));
        for (var rank = 0; rank < worst.Length; rank++)
        {
            stdout.WriteLine(string.Create(inv, $"  #{rank + 1,-3} sample {worst[rank],-7} {metric} {scores[worst[rank]]:G6}"));
        }

        if (figure is not null && worst.Length > 0)
        {
            Draw(model, data, worst, $"{Path.GetFileNameWithoutExtension(modelPath!)}: the {worst.Length} worst reconstructions ({metric})", figure, threads);
            stdout.WriteLine(figure);
        }

        return 0;
    }

    /// <summary>Per sample: the mean over features of (x - y)^2, or of Keras' clipped binary cross-entropy of y against x.</summary>
    // returns scores: [data.Rows]
    internal static float[] Score(Autoencoder model, SampleMatrix data, bool bce, int threads)
    {
        var width = data.Columns;
        var scores = new float[data.Rows];
        var x = new float[Math.Min(Chunk, Math.Max(1, data.Rows)) * width];
        var y = new float[x.Length];
        var indices = new int[Chunk];
        for (var start = 0; start < data.Rows; start += Chunk)
        {
            var batch = Math.Min(Chunk, data.Rows - start);
            for (var r = 0; r < batch; r++)
            {
                indices[r] = start + r;
            }

            data.Samples.CopyBatch(indices.AsSpan(0, batch), x.AsSpan(0, batch * width));
            model.Predict(x.AsSpan(0, batch * width), batch, y.AsSpan(0, batch * width), threads);
            for (var r = 0; r < batch; r++)
            {
                scores[start + r] = (float)RowError(x.AsSpan(r * width, width), y.AsSpan(r * width, width), bce);
            }
        }

        return scores;
    }

    // x: [n] targets, y: [n] reconstruction
    private static double RowError(ReadOnlySpan<float> x, ReadOnlySpan<float> y, bool bce)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            if (bce)
            {
                var p = Math.Clamp(y[i], Epsilon, 1 - Epsilon);
                sum -= (x[i] * Math.Log(p)) + ((1 - x[i]) * Math.Log(1 - p));
            }
            else
            {
                var d = (double)x[i] - y[i];
                sum += d * d;
            }
        }

        return sum / x.Length;
    }

    /// <summary>Indices of the <paramref name="count"/> highest scores, highest first; ties keep the lower index first.</summary>
    internal static int[] Worst(float[] scores, int count)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(order, (a, b) => scores[b].CompareTo(scores[a]) is var c && c != 0 ? c : a.CompareTo(b));
        return order[..count];
    }

    private static void Draw(Autoencoder model, SampleMatrix data, int[] samples, string title, string path, int threads)
    {
        var width = data.Columns;
        var originals = new float[samples.Length * width];
        data.Samples.CopyBatch(samples, originals);
        var reconstructions = new float[originals.Length];
        model.Predict(originals, samples.Length, reconstructions, threads);
        var image = LabelledGrid.Compose(title, ["input", "reconstruction"], [originals, reconstructions], samples.Length, data.Height, data.Width);
        try
        {
            AtomicFile.WriteAllBytes(path, PngWriter.Encode(image));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot write ({e.Message})");
        }
    }

    private static SampleMatrix Pick((SampleMatrix Train, SampleMatrix Test) data, string set) => set == "train" ? data.Train : data.Test;

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("usage: vecae score --model FILE [--input X.npy|X.idx] [--set test|train] [--data DIR] [--out scores.npy]");
        stdout.WriteLine("                   [--metric mse|bce] [--top K] [--figure worst.png] [--threads auto|T]");
        stdout.WriteLine("scores each sample by how badly the model reconstructs it: the mean over its values of (x - y)^2 (mse, the");
        stdout.WriteLine("default) or of the clipped binary cross-entropy (bce). Samples come from --input (u8 scaled by 1/255 or f32;");
        stdout.WriteLine("[count], [count, features] or [count, height, width]) or the --set of the --data folder (default test of");
        stdout.WriteLine($"{TrainData.DefaultDirectory}). --out writes float32 [count]: .npy when it ends so, else IDX. --top K lists the K worst;");
        stdout.WriteLine("--figure draws them (default 20) over their reconstructions, when the samples are images.");
    }
}
