using System.Globalization;
using System.Text;
using System.Text.Json;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Optimizers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae train</c>: trains one of the article's models (or a custom one), printing a JSON line per
/// epoch with --json, saving a checkpoint after every epoch, and model.safetensors, checkpoint.safetensors
/// and history.json in --out. Ctrl+C stops at the next batch boundary after saving a checkpoint.
/// </summary>
public static class TrainCommand
{
    public const string ModelFile = "model.safetensors";
    public const string CheckpointFileName = "checkpoint.safetensors";
    public const string HistoryFile = "history.json";
    private const string HistoryKey = "history";

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    internal static int Run(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken externalCancel)
    {
        var modelName = args.String("model", "deep");
        var layersText = args.String("layers");
        var activationText = args.String("activation");
        var lossText = args.String("loss");
        var noiseFlag = args.String("noise");
        var l1Flag = args.String("l1");
        var perSample = args.Flag("per-sample-penalty");
        var epochsFlag = args.Int("epochs", -1, 0, 1_000_000);
        var batch = args.Int("batch", TrainPresets.DefaultBatch(modelName), 1, 1 << 16);
        var latent = args.Int("latent", 0, 1, 1 << 20);
        var lr = args.Float("lr", AdamOptions.DefaultLearningRate, 1e-9f, 10f);
        var optimizerText = args.String("optimizer", "adam");
        var seed = args.Int("seed", 1, 0);
        var rngText = args.String("rng");
        var threads = args.Int("threads", Environment.ProcessorCount, 1, 1024);
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var outDir = args.String("out", "out");
        var resume = args.String("resume");
        var limit = args.Int("limit", 0, 0);
        var json = args.Flag("json");
        var quiet = args.Flag("quiet");
        if (args.Help)
        {
            PrintHelp(stdout);
            return 0;
        }

        args.EnsureAllUsed();
        var (architecture, presetEpochs, presetNoise) = TrainPresets.Get(modelName);
        try
        {
            if (layersText is not null)
            {
                architecture = architecture with { LayerSizes = ParseLayers(layersText) };
            }

            if (latent != 0)
            {
                architecture = architecture.IsVariational
                    ? architecture with { LatentSize = latent }
                    : throw new CliException("train: --latent is for --model vae");
            }

            if (activationText is not null)
            {
                architecture = architecture with { HiddenActivation = ActivationFunctions.Parse(activationText) };
            }

            if (lossText is not null)
            {
                architecture = architecture with
                {
                    Loss = lossText switch
                    {
                        "bce" => Loss.BinaryCrossEntropy,
                        "mse" => Loss.MeanSquaredError,
                        _ => throw new CliException($"train: --loss must be bce or mse, got '{lossText}'"),
                    },
                };
            }
        }
        catch (ArgumentException e)
        {
            throw new CliException($"train: {e.Message}");
        }

        var l1 = l1Flag is null ? architecture.CodeRegularizer.L1 : ParseFloat("l1", l1Flag, 0f, 1f);
        architecture = architecture with { CodeRegularizer = architecture.CodeRegularizer with { L1 = l1, PerSample = perSample } };
        var noise = noiseFlag is null ? presetNoise : ParseFloat("noise", noiseFlag, 0f, 10f);
        var epochs = epochsFlag < 0 ? presetEpochs : epochsFlag;
        var optimizer = optimizerText switch
        {
            "adam" => Optimizer.Adam,
            "sgd" => Optimizer.SgdMomentum,
            _ => throw new CliException($"train: --optimizer must be adam or sgd, got '{optimizerText}'"),
        };
        RandomStreams? streamsFlag = null;
        if (rngText is not null)
        {
            streamsFlag = RandomStreamsNames.TryParse(rngText, out var parsed)
                ? parsed
                : throw new CliException($"train: --rng must be vecae or pytorch, got '{rngText}'");
        }
        try
        {
            architecture.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliException($"train: {e.Message}");
        }

        var dataset = TrainData.LoadDataset(dataDir);
        var trainImages = limit > 0 && limit < dataset.Train.Count ? dataset.Train.Take(limit) : dataset.Train;
        var testImages = limit > 0 && limit < dataset.Test.Count ? dataset.Test.Take(limit) : dataset.Test;
        ISampleSource train = new ImageSetSource(trainImages);
        ISampleSource test = new ImageSetSource(testImages);
        var options = new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = batch,
            Seed = seed,
            Threads = threads,
            NoiseStd = noise,
            Optimizer = optimizer,
            Adam = new AdamOptions { LearningRate = lr },
            SgdLearningRate = lr,
            Validation = test,
        };

        var history = new List<string>();
        Autoencoder model;
        TrainingCheckpoint? restored = null;
        if (resume is not null)
        {
            IReadOnlyDictionary<string, string> metadata;
            try
            {
                (restored, metadata) = TrainingCheckpointFile.Load(resume);
            }
            catch (FileFormatException e)
            {
                throw new CliException(e.Message);
            }

            architecture = restored.Architecture;
            if (metadata.TryGetValue(HistoryKey, out var saved))
            {
                using var doc = JsonDocument.Parse(saved);
                foreach (var entry in doc.RootElement.EnumerateArray())
                {
                    history.Add(entry.GetRawText());
                }
            }

            model = Autoencoder.FromParameters(architecture, restored.Parameters);
            // Without --rng a resumed run keeps the checkpoint's streams; a different --rng is refused by Restore.
            options = options with { Streams = streamsFlag ?? restored.Streams };
        }
        else
        {
            // PyTorch's streams by default, as in reproduce: the article's reference seeds are PyTorch's.
            // A variational model has no PyTorch replay of its initialization: it uses the engine's streams.
            if (architecture.IsVariational && streamsFlag == RandomStreams.PyTorch)
            {
                throw new CliException("train: --rng pytorch replays the dense models only; --model vae uses --rng vecae");
            }

            options = options with { Streams = streamsFlag ?? (architecture.IsVariational ? RandomStreams.Vecae : RandomStreams.PyTorch) };
            model = Autoencoder.Create(architecture, seed, options.Streams);
        }

        if (train.SampleSize != model.InputSize)
        {
            throw new CliException($"train: the data's samples have {train.SampleSize} values, the model's input {model.InputSize}");
        }

        var trainer = new Trainer(model, options);
        if (restored is not null)
        {
            try
            {
                trainer.Restore(restored);
            }
            catch (ArgumentException e)
            {
                throw new CliException($"train: {resume}: {e.Message}");
            }
        }

        Directory.CreateDirectory(outDir);
        var checkpointPath = Path.Combine(outDir, CheckpointFileName);
        var progress = quiet ? null : new TrainProgressWriter(stderr, batch);
        // The first Ctrl+C stops at the next batch boundary; a second one kills as usual.
        using (var cts = new CtrlCCancellation(externalCancel))
        {
            while (trainer.CompletedEpochs < epochs)
            {
                EpochResult? result;
                try
                {
                    result = trainer.RunEpoch(train, null, progress, cts.Token);
                }
                catch (NonFiniteLossException e)
                {
                    stderr.WriteLine($"error: {e.Message}; the last good checkpoint is {checkpointPath}");
                    return 1;
                }

                if (result is null)
                {
                    Save(trainer, options, modelName, history, checkpointPath);
                    stderr.WriteLine($"stopped: checkpoint saved to {checkpointPath} at epoch {trainer.CompletedEpochs + 1}, batch {trainer.BatchInEpoch}; continue with --resume {checkpointPath}");
                    return 130;
                }

                var line = EpochJson(result);
                history.Add(line);
                if (json)
                {
                    stdout.WriteLine(line);
                }
                else
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {result.Epoch}: train_loss {result.TrainLoss:F4} test_loss {result.Validation!.Loss:F4} mean_code {result.Validation.MeanCode:F3} seconds {result.Seconds:F2}"));
                }

                stdout.Flush();
                Save(trainer, options, modelName, history, checkpointPath);
            }
        }

        model.Save(Path.Combine(outDir, ModelFile));
        Save(trainer, options, modelName, history, checkpointPath);
        File.WriteAllText(Path.Combine(outDir, HistoryFile), HistoryJson(modelName, options, history));
        return 0;
    }

    /// <summary>One epoch as the JSON object printed with --json and stored in history.json.</summary>
    internal static string EpochJson(EpochResult result)
    {
        var v = result.Validation;
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"epoch":{{result.Epoch}},"train_loss":{{result.TrainLoss:R}},"test_loss":{{v?.Loss ?? double.NaN:R}},"test_reconstruction_loss":{{v?.ReconstructionLoss ?? double.NaN:R}},"mean_code":{{v?.MeanCode ?? double.NaN:R}},"zero_fraction":{{v?.ZeroFraction ?? double.NaN:R}},"seconds":{{result.Seconds:R}}}""");
    }

    private static string HistoryJson(string modelName, TrainingOptions options, List<string> history)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""{"model":"{{modelName}}","seed":{{options.Seed}},"rng":"{{RandomStreamsNames.Name(options.Streams)}}","batch":{{options.BatchSize}},"threads":{{options.Threads}},"noise":{{options.NoiseStd:R}},"epochs":[""");
        sb.AppendJoin(',', history);
        sb.Append("]}\n");
        return sb.ToString();
    }

    private static void Save(Trainer trainer, TrainingOptions options, string modelName, List<string> history, string path) =>
        TrainingCheckpointFile.Save(path, trainer.Capture(),
        [
            ("model", modelName),
            ("seed", options.Seed.ToString(CultureInfo.InvariantCulture)),
            ("noise", options.NoiseStd.ToString("R", CultureInfo.InvariantCulture)),
            (HistoryKey, "[" + string.Join(',', history) + "]"),
        ]);

    private static int[] ParseLayers(string text)
    {
        var parts = text.Split(',');
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new CliException($"train: --layers expects comma-separated positive sizes like 784,128,32,128,784, got '{text}'");
            }
        }

        if (sizes.Length < 2)
        {
            throw new CliException("train: --layers needs at least an input and an output size");
        }

        return sizes;
    }

    private static float ParseFloat(string name, string text, float min, float max)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value) || value < min || value > max)
        {
            throw new CliException($"train: --{name} expects a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}], got '{text}'");
        }

        return value;
    }

    private static void PrintHelp(TextWriter stdout)
    {
        stdout.WriteLine("usage: vecae train [--model deep|shallow|denoising|standard|sparse|custom|vae] [--layers 784,128,32,128,784]");
        stdout.WriteLine("                   [--activation relu|sigmoid|tanh|linear|leaky_relu] [--loss bce|mse] [--noise F] [--l1 F]");
        stdout.WriteLine("                   [--per-sample-penalty] [--epochs N] [--batch B] [--lr F] [--optimizer adam|sgd] [--seed S]");
        stdout.WriteLine("                   [--rng vecae|pytorch] [--threads T] [--data DIR] [--out DIR] [--resume FILE] [--limit N]");
        stdout.WriteLine("                   [--latent Z] [--json] [--quiet]");
        stdout.WriteLine("trains an autoencoder on the MNIST-layout folder --data (default data/mnist) and writes");
        stdout.WriteLine($"{ModelFile}, {CheckpointFileName} (after every epoch) and {HistoryFile} to --out (default out).");
        stdout.WriteLine("presets (the article's experiments): deep 3 epochs, shallow 5, denoising (deep, noise 0.4) 10,");
        stdout.WriteLine("standard (shallow) 20, sparse (shallow, L1 1e-5 on the code) 20. --json prints one object per epoch:");
        stdout.WriteLine("epoch, train_loss, test_loss, mean_code, zero_fraction, seconds. Ctrl+C saves a checkpoint and stops;");
        stdout.WriteLine("--resume FILE continues it bit for bit (--epochs is the total). --limit N uses the first N train and test");
        stdout.WriteLine("images (quick runs). --rng pytorch (the default) draws the initial weights and each epoch's batch");
        stdout.WriteLine("order from PyTorch's CPU generator, bit for bit as PyTorch does after torch.manual_seed(S): nn.Linear");
        stdout.WriteLine("layers re-initialised with xavier_uniform_ and zero biases, then torch.randperm every epoch (the noise");
        stdout.WriteLine("stays on vecae's own stream), so seed S is the reference's seed S; --rng vecae uses the engine's own");
        stdout.WriteLine("generators (the library's default). --resume keeps the checkpoint's --rng.");
        stdout.WriteLine("vae: PyTorch's examples/vae, 10 epochs, batch 128: --layers is the encoder (default 784,400), --latent the");
        stdout.WriteLine("latent size (default 20); the losses are per image (BCE summed over the pixels + KL); --rng vecae only.");
    }
}
