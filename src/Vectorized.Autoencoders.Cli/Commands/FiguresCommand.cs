using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.IO;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae figures</c>: the article's figures for one saved model.</summary>
public static class FiguresCommand
{
    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var output = args.String("out");
        var count = args.Int("count", ArticleFigures.DefaultCount, 1, 20);
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var noise = args.Float("noise", 0f, 0f, 10f);
        var first = args.Int("first", 0, 0);
        var filters = args.Int("filters", 10, 1, 64);
        var seed = args.Int("seed", 1, 0);
        var threads = args.Threads();
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae figures --model FILE --out DIR [--count 5] [--noise F] [--first 0] [--filters 10] [--seed S] [--data DIR]");
            stdout.WriteLine("draws the article's figures for one model into DIR:");
            stdout.WriteLine("  reconstructions.png  --count test digits over their reconstructions");
            stdout.WriteLine("  denoising.png        with --noise F: original, noisy input (x + F N(0,1), clipped) and output rows");
            stdout.WriteLine("  filters.png          first-layer filters --first .. --first + --filters - 1 as images");
            stdout.WriteLine("                       (a dense unit's weights over the pixels; a convolution channel's kernel)");
            stdout.WriteLine("  code-density.svg     distribution of the test set's code values, mean marked");
            return 0;
        }

        args.EnsureAllUsed();
        if (output is null)
        {
            throw new CliException("figures: --out DIR is required");
        }

        using var outputLock = OutputFolderLock.Acquire(output);
        var model = EvalCommand.LoadModel("figures", modelPath);
        var test = TrainData.LoadDataset(dataDir).Test;
        if (test.Features != model.InputSize)
        {
            throw new CliException($"figures: the model takes {model.InputSize} inputs but {dataDir}'s images have {test.Height}x{test.Width} = {test.Features} pixels");
        }

        var filterSource = FirstLayerFilters.Of(model, test.Height, test.Width);
        if (first >= filterSource.Count)
        {
            throw new CliException($"figures: --first {first} is past the first layer's {filterSource.Count} {filterSource.Noun}s");
        }

        count = Math.Min(count, test.Count);
        filters = Math.Min(filters, filterSource.Count - first);
        var (height, width) = (test.Height, test.Width);
        var originals = new float[count * test.Features];
        test.CopyRange(0, count, originals);
        float[]? noisy = null;
        if (noise > 0f)
        {
            noisy = new float[originals.Length];
            GaussianNoise.ApplyBatch(Enumerable.Range(0, count).ToArray(), originals, test.Features, noise, (ulong)(uint)seed, noisy);
        }

        var outputs = new float[count * model.OutputSize];
        model.Predict(noisy ?? originals, count, outputs, threads);
        var name = Path.GetFileNameWithoutExtension(modelPath!);
        var codes = model.Encode(new ImageSetSource(test), threads);

        // Each figure replaces its file atomically; a failure is one line naming the file.
        var written = new List<string>();
        AtomicFile.CreateFolder(output);
        written.Add(Save(output, "reconstructions.png", ArticleFigures.Reconstructions($"{name}: reconstructions", originals, outputs, count, height, width)));
        if (noisy is not null)
        {
            written.Add(Save(output, "denoising.png", ArticleFigures.Denoising($"{name}: denoising", originals, noisy, outputs, count, height, width)));
        }

        written.Add(Save(output, "filters.png", ArticleFigures.Filters($"{name}: first-layer filters", filterSource.Weights, filterSource.Count, first, filters, filterSource.Height, filterSource.Width, filterSource.Noun)));
        var density = ArticleFigures.CodeDensity($"{name}: code values on the test set", [(name, codes)], model.CodeSize);
        var densityPath = Path.Combine(output, "code-density.svg");
        AtomicFile.WriteAllText(densityPath, density);
        written.Add(densityPath);

        foreach (var path in written)
        {
            stdout.WriteLine(path);
        }

        return 0;
    }

    private static string Save(string directory, string fileName, Raster image)
    {
        var path = Path.Combine(directory, fileName);
        image.SavePng(path);
        return path;
    }
}
