using System.Globalization;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae eval</c>: a saved model's test loss (Keras' evaluate), mean code value and zero-code fraction.</summary>
public static class EvalCommand
{
    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var noise = args.Float("noise", 0f, 0f, 10f);
        var seed = args.Int("seed", 1, 0);
        var batch = args.Int("batch", TrainingOptions.DefaultBatchSize, 1, 1 << 16);
        var threads = args.Threads();
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var json = args.Flag("json");
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae eval --model FILE [--noise F] [--seed S] [--batch B] [--threads auto|T] [--data DIR] [--json]");
            stdout.WriteLine("evaluates a model (or checkpoint) on the test set of --data: test_loss (reconstruction + penalty,");
            stdout.WriteLine("averaged over batches like Keras' evaluate), mean_code and zero_fraction of the codes.");
            stdout.WriteLine("--noise corrupts the inputs as the denoising model's training did (same seed, same noise).");
            stdout.WriteLine("A variational model's losses are per image (BCE summed over the pixels + KL) with z drawn from the seeded");
            stdout.WriteLine("stream as PyTorch's example does, then a second line decoding z = mean (no draws).");
            return 0;
        }

        args.EnsureAllUsed();
        var model = LoadModel("eval", modelPath);
        var test = TrainData.LoadTest(dataDir);
        if (test.SampleSize != model.InputSize)
        {
            throw new CliException($"eval: the data's samples have {test.SampleSize} values, the model's input {model.InputSize}");
        }

        var result = model.Evaluate(test, noise, seed, batch, threads);
        stdout.WriteLine(json
            ? $$"""{{{JsonNumber.Field("test_loss", result.Loss)}},{{JsonNumber.Field("test_reconstruction_loss", result.ReconstructionLoss)}},{{JsonNumber.Field("mean_code", result.MeanCode)}},{{JsonNumber.Field("zero_fraction", result.ZeroFraction)}},"count":{{result.Count}}}"""
            : string.Create(CultureInfo.InvariantCulture, $"test_loss {result.Loss:F4} (reconstruction {result.ReconstructionLoss:F4}) mean_code {result.MeanCode:F3} zero_fraction {result.ZeroFraction:F3} over {result.Count} samples"));
        if (model.Options.IsVariational)
        {
            // The deterministic part, comparable across engines bit for bit in the draws: decode z = mean.
            model.SampleLatent = false;
            var atMean = model.Evaluate(test, noise, seed, batch, threads);
            stdout.WriteLine(json
                ? string.Create(CultureInfo.InvariantCulture, $$"""{"latent":"mean","test_loss":{{atMean.Loss:R}},"test_reconstruction_loss":{{atMean.ReconstructionLoss:R}},"count":{{atMean.Count}}}""")
                : string.Create(CultureInfo.InvariantCulture, $"at z = mean: test_loss {atMean.Loss:F4} (reconstruction {atMean.ReconstructionLoss:F4}) over {atMean.Count} samples"));
        }

        return 0;
    }

    /// <summary>Loads a model file or checkpoint for a command; a missing or malformed file is a one-line error.</summary>
    internal static Autoencoder LoadModel(string command, string? path)
    {
        if (path is null)
        {
            throw new CliException($"{command}: --model FILE is required");
        }

        if (Directory.Exists(path))
        {
            // A training run's --out folder is the likeliest folder given here: name the file in it.
            var inside = Path.Combine(path, TrainCommand.ModelFile);
            throw new CliException(File.Exists(inside)
                ? $"{path}: is a folder, not a file (its model is {inside})"
                : $"{path}: is a folder, not a file");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found");
        }

        try
        {
            return TrainingCheckpointFile.LoadModel(path);
        }
        catch (FileFormatException e)
        {
            throw new CliException(e.Message);
        }
    }
}
