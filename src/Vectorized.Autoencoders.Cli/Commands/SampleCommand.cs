using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae sample</c>: a variational model's decoder on draws from N(0, I), as a grid of digits in a PNG.</summary>
public static class SampleCommand
{
    private const int Columns = 8;

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var count = args.Int("count", 64, 1, 4096);
        var outPath = args.String("out", "samples.png");
        var seed = args.Int("seed", 1, 0);
        var threads = args.Threads();
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae sample --model FILE [--count 64] [--out samples.png] [--seed S] [--threads auto|T]");
            stdout.WriteLine("decodes --count draws from N(0, I) (seeded by --seed) with a variational model (vecae train --model vae)");
            stdout.WriteLine($"and writes them as a grid of 28x28 digits, {Columns} per row, to the PNG --out.");
            return 0;
        }

        args.EnsureAllUsed();
        var model = EvalCommand.LoadModel("sample", modelPath);
        if (!model.Options.IsVariational)
        {
            throw new CliException($"{modelPath}: sample needs a variational model (vecae train --model vae)");
        }

        var side = (int)Math.Sqrt(model.OutputSize);
        if (side * side != model.OutputSize)
        {
            throw new CliException($"{modelPath}: the model's {model.OutputSize} outputs are not a square image");
        }

        var z = new float[count * model.CodeSize];
        var rng = new Xoshiro256((ulong)(uint)seed);
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = (float)rng.NextGaussian();
        }

        var images = new float[count * model.OutputSize];
        model.Decode(z, count, images, threads);
        var rows = new List<float[]>();
        for (var start = 0; start < count; start += Columns)
        {
            // The last row is padded with white cells.
            var row = new float[Columns * model.OutputSize];
            row.AsSpan().Fill(1f);
            var n = Math.Min(Columns, count - start);
            images.AsSpan(start * model.OutputSize, n * model.OutputSize).CopyTo(row);
            rows.Add(row);
        }

        try
        {
            AtomicFile.WriteAllBytes(outPath, PngWriter.Encode(DigitGrid.Compose(rows, Columns, side, side)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{outPath}: {e.Message}");
        }

        stdout.WriteLine($"wrote {count} samples to {outPath}");
        return 0;
    }
}
