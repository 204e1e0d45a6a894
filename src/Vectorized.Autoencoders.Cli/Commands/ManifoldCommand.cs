using System.Globalization;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.IO;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae manifold</c>: for a variational model with a 2-D latent space, the classic 15 x 15 grid of
/// digits decoded at the prior's quantiles, and the test set's latent means coloured by digit.
/// </summary>
public static class ManifoldCommand
{
    public const string ManifoldFile = "manifold.png";
    public const string MeansFile = "latent-means.png";

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var output = args.String("out");
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var points = args.Int("points", int.MaxValue, 1);
        var threads = args.Int("threads", Environment.ProcessorCount, 1, 1024);
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae manifold --model FILE --out DIR [--points N (all)] [--data DIR] [--threads T]");
            stdout.WriteLine("for a variational model with a 2-D latent space (vecae train --model vae --latent 2), draws into DIR:");
            stdout.WriteLine($"  {ManifoldFile}      {VariationalFigures.ManifoldCells} x {VariationalFigures.ManifoldCells} digits decoded at z = the N(0, 1) quantiles of");
            stdout.WriteLine("                    0.05 .. 0.95 in each axis (Keras' VAE example); z1 grows rightwards, z2 upwards");
            stdout.WriteLine($"  {MeansFile}  the latent means of the first --points test images of --data, coloured by digit");
            return 0;
        }

        args.EnsureAllUsed();
        if (output is null)
        {
            throw new CliException("manifold: --out DIR is required");
        }

        var model = EvalCommand.LoadModel("manifold", modelPath);
        if (!model.Options.IsVariational)
        {
            throw new CliException($"{modelPath}: manifold needs a variational model (vecae train --model vae --latent 2)");
        }

        if (model.CodeSize != 2)
        {
            throw new CliException($"{modelPath}: manifold needs a latent size of 2, the model's is {model.CodeSize} (vecae train --model vae --latent 2)");
        }

        var side = (int)Math.Sqrt(model.OutputSize);
        if (side * side != model.OutputSize)
        {
            throw new CliException($"{modelPath}: the model's {model.OutputSize} outputs are not a square image");
        }

        using var outputLock = OutputFolderLock.Acquire(output);
        var (x, n, d, labels) = TsneInput.Mnist(dataDir, all: false, points);
        if (d != model.InputSize)
        {
            throw new CliException($"manifold: the model takes {model.InputSize} inputs, {dataDir}'s images have {d} pixels");
        }

        AtomicFile.CreateFolder(output);
        var manifoldPath = Path.Combine(output, ManifoldFile);
        VariationalFigures.Manifold(model, threads).SavePng(manifoldPath);
        stdout.WriteLine(manifoldPath);

        var means = VariationalFigures.LatentMeans(model, x, n, threads);
        var name = Path.GetFileNameWithoutExtension(modelPath!);
        var title = string.Create(CultureInfo.InvariantCulture, $"{name}: latent means of {n} test digits");
        var meansPath = Path.Combine(output, MeansFile);
        VariationalFigures.LatentScatterPng(title, means, [.. labels.Select(l => (byte)l)]).SavePng(meansPath);
        stdout.WriteLine(meansPath);
        return 0;
    }
}
