using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.IO;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae sample</c>: a variational model's decoder on draws from N(0, I), as a grid of digits in a PNG.</summary>
public static class SampleCommand
{
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
            stdout.WriteLine($"and writes them as a grid of 28x28 digits, {VariationalFigures.SampleColumns} per row, to the PNG --out.");
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

        // AtomicFile's FileWriteException already reads "PATH: reason"; the command line prints it as is.
        AtomicFile.WriteAllBytes(outPath, PngWriter.Encode(VariationalFigures.Samples(model, count, seed, threads)));

        stdout.WriteLine($"wrote {count} samples to {outPath}");
        return 0;
    }
}
