using System.Globalization;
using System.Text;
using System.Text.Json;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.IO;
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
/// and history.json in --out. Ctrl+C stops at the next batch boundary after saving a checkpoint (exit code 130);
/// --resume continues the run the checkpoint was written by and refuses flags that contradict it.
/// </summary>
public static class TrainCommand
{
    public const string ModelFile = "model.safetensors";
    public const string CheckpointFileName = "checkpoint.safetensors";
    public const string HistoryFile = "history.json";

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
        var adamText = args.String("adam");
        var seed = args.Int("seed", 1, 0);
        var rngText = args.String("rng");
        var threads = args.Threads();
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
        // From here on the first Ctrl+C ends the command with a checkpoint and exit code 130,
        // whatever it is doing; a second one kills as usual.
        using var cancel = new CtrlCCancellation(externalCancel);
        var requested = Requested(modelName, layersText, latent, activationText, lossText, noiseFlag, l1Flag, perSample, batch, lr, optimizerText, adamText, seed, rngText, limit);
        var history = new List<string>();
        TrainingCheckpoint? restored = null;
        var run = requested;
        if (resume is not null)
        {
            (restored, run) = LoadCheckpoint(resume, requested, args, history);
        }

        var epochs = epochsFlag >= 0 ? epochsFlag : TrainPresets.Get(run.ModelName).Epochs;
        // Before the data: a bad --out, or a second run into the same folder, fails at once.
        using var outputLock = OutputFolderLock.Acquire(outDir);
        var (trainMatrix, testMatrix) = TrainData.LoadMatrices(dataDir, run.Limit);
        var (train, test) = (trainMatrix.Samples, testMatrix.Samples);
        if (run.Streams == RandomStreams.PyTorch && run.Architecture.IsVariational)
        {
            foreach (var (set, count) in new[] { ("training", train.Count), ("test", test.Count) })
            {
                if (TorchReplay.VariationalBatchProblem(count, run.Batch, run.Architecture.LatentSize) is { } problem)
                {
                    throw new CliException($"train: --rng pytorch: the {set} set's last batch: {problem}; use --rng vecae or another --batch or --limit");
                }
            }
        }

        var options = new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = run.Batch,
            Seed = run.Seed,
            Threads = threads,
            NoiseStd = run.Noise,
            Optimizer = run.Optimizer,
            Adam = TrainPresets.Adam(run.ModelName, run.Batch, run.AdamForm, run.LearningRate),
            SgdLearningRate = run.LearningRate,
            Validation = test,
            Streams = run.Streams,
        };

        var model = restored is null
            ? Autoencoder.Create(run.Architecture, run.Seed, run.Streams, run.Noise)
            : Autoencoder.FromParameters(run.Architecture, restored.Parameters);
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

        var checkpointPath = Path.Combine(outDir, CheckpointFileName);
        var progress = quiet ? null : new TrainProgressWriter(stderr, run.Batch);
        if (!quiet && trainer.CompletedEpochs >= epochs)
        {
            // --epochs counts the run's epochs, not more of them: a resume can have none left.
            stderr.WriteLine(restored is null
                ? $"train: --epochs 0: writing the initial weights, untrained, to {Path.Combine(outDir, ModelFile)}"
                : $"train: {resume} has completed {trainer.CompletedEpochs} epochs and --epochs {epochs} is the total, so there is nothing to train; give --epochs {trainer.CompletedEpochs + 1} or more to continue");
        }

        while (trainer.CompletedEpochs < epochs && !cancel.Token.IsCancellationRequested)
        {
            EpochResult? result;
            try
            {
                result = trainer.RunEpoch(train, null, progress, cancel.Token);
            }
            catch (NonFiniteLossException e)
            {
                stderr.WriteLine($"error: {e.Message}; the last good checkpoint is {checkpointPath}");
                return 1;
            }

            if (result is null)
            {
                break;
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
            Save(trainer, run, history, checkpointPath);
        }

        // Ctrl+C at any point, even during the last epoch's validation, is a stop, not a finish.
        if (cancel.Token.IsCancellationRequested)
        {
            Save(trainer, run, history, checkpointPath);
            stderr.WriteLine($"stopped: checkpoint saved to {checkpointPath} at epoch {trainer.CompletedEpochs + 1}, batch {trainer.BatchInEpoch}; continue with --resume {checkpointPath}");
            return CommandLine.Interrupted;
        }

        model.Save(Path.Combine(outDir, ModelFile));
        Save(trainer, run, history, checkpointPath);
        AtomicFile.WriteAllText(Path.Combine(outDir, HistoryFile), HistoryJson(run, threads, history));
        return cancel.Token.IsCancellationRequested ? CommandLine.Interrupted : 0;
    }

    /// <summary>The run the flags describe, before any checkpoint is read.</summary>
    private static TrainRun Requested(
        string modelName, string? layersText, int latent, string? activationText, string? lossText, string? noiseFlag, string? l1Flag,
        bool perSample, int batch, float lr, string optimizerText, string? adamText, int seed, string? rngText, int limit)
    {
        var (architecture, _, presetNoise) = TrainPresets.Get(modelName);
        try
        {
            if (layersText is not null)
            {
                if (architecture.IsConvolutional)
                {
                    throw new CliException($"train: --layers is not for --model {modelName}: its layers are the Keras blog's, fixed");
                }

                architecture = architecture with { LayerSizes = ParseLayers(layersText, example: string.Join(',', architecture.LayerSizes)) };
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

            var l1 = l1Flag is null ? architecture.CodeRegularizer.L1 : ParseFloat("l1", l1Flag, 0f, 1f);
            architecture = architecture with { CodeRegularizer = architecture.CodeRegularizer with { L1 = l1, PerSample = perSample } };
            architecture.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CliException($"train: {e.Message}");
        }

        var sizes = architecture.LayerSizes;
        // A variational model's --layers is its encoder only: the decoder mirrors it.
        if (!architecture.IsVariational && sizes[^1] != sizes[0])
        {
            throw new CliException($"train: --layers {string.Join(',', sizes)}: the output size {sizes[^1]} differs from the input size {sizes[0]}; an autoencoder reconstructs its input");
        }

        var noise = noiseFlag is null ? presetNoise : ParseFloat("noise", noiseFlag, 0f, 10f);
        var optimizer = TrainRun.ParseOptimizer(optimizerText);
        if (adamText is not null && optimizer != Optimizer.Adam)
        {
            throw new CliException($"train: --adam {adamText} is for --optimizer adam");
        }

        var adamForm = adamText is null ? TrainPresets.DefaultAdamForm(modelName) : TrainRun.ParseAdamForm(adamText);
        // PyTorch's streams by default, as in reproduce: the article's reference seeds are PyTorch's,
        // and the VAE's and conv models' anchors are their peer scripts' seeds (pytorch_vae.py,
        // pytorch_convae.py), which these streams replay.
        var streams = RandomStreams.PyTorch;
        if (rngText is not null && !RandomStreamsNames.TryParse(rngText, out streams))
        {
            throw new CliException($"train: --rng must be vecae or pytorch, got '{rngText}'");
        }

        return new TrainRun(modelName, architecture, seed, batch, lr, optimizer, adamForm, noise, streams, limit);
    }

    /// <summary>Reads the checkpoint, its history and the run that wrote it; refuses flags that contradict that run.</summary>
    private static (TrainingCheckpoint Checkpoint, TrainRun Run) LoadCheckpoint(string path, TrainRun requested, Arguments args, List<string> history)
    {
        try
        {
            var (checkpoint, metadata) = TrainingCheckpointFile.Load(path);
            var run = TrainRun.From(checkpoint, metadata, requested);
            run.EnsureAgrees(requested, args.Given);
            history.AddRange(TrainHistoryMetadata.Read(path, metadata, checkpoint.CompletedEpochs));

            return (checkpoint, run);
        }
        catch (FileFormatException e)
        {
            throw new CliException(e.Message);
        }
        catch (Exception e) when (e is FormatException or OverflowException or JsonException or InvalidOperationException)
        {
            throw new CliException($"{path}: checkpoint metadata is not valid ({e.Message})");
        }
    }

    /// <summary>One epoch as the JSON object printed with --json and stored in history.json.</summary>
    internal static string EpochJson(EpochResult result)
    {
        var v = result.Validation;
        // Without a validation set its fields are NaN, so they come out as null like any non-finite value.
        return $$"""{"epoch":{{result.Epoch}},{{JsonNumber.Field("train_loss", result.TrainLoss)}},{{JsonNumber.Field("test_loss", v?.Loss ?? double.NaN)}},{{JsonNumber.Field("test_reconstruction_loss", v?.ReconstructionLoss ?? double.NaN)}},{{JsonNumber.Field("mean_code", v?.MeanCode ?? double.NaN)}},{{JsonNumber.Field("zero_fraction", v?.ZeroFraction ?? double.NaN)}},{{JsonNumber.Field("seconds", result.Seconds)}}}""";
    }

    private static string HistoryJson(TrainRun run, int threads, List<string> history)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""{"model":"{{run.ModelName}}","seed":{{run.Seed}},"rng":"{{RandomStreamsNames.Name(run.Streams)}}",""");
        if (run.Optimizer == Optimizer.Adam)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\"adam\":\"{TrainRun.AdamFormName(run.AdamForm)}\",");
        }

        sb.Append(CultureInfo.InvariantCulture, $$"""
            "batch":{{run.Batch}},"threads":{{threads}},"noise":{{run.Noise:R}},"epochs":[
            """);
        sb.AppendJoin(',', history);
        sb.Append("]}\n");
        return sb.ToString();
    }

    private static void Save(Trainer trainer, TrainRun run, List<string> history, string path) =>
        TrainingCheckpointFile.Save(path, trainer.Capture(), [.. run.Metadata(), (TrainHistoryMetadata.Key, "[" + string.Join(',', history) + "]")]);

    /// <summary>Parses --layers; a bad list is refused with the chosen model's own sizes as the example.</summary>
    private static int[] ParseLayers(string text, string example)
    {
        var parts = text.Split(',');
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new CliException($"train: --layers expects comma-separated positive sizes like {example}, got '{text}'");
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
        stdout.WriteLine("usage: vecae train [--model deep|shallow|denoising|standard|sparse|custom|vae|conv|conv-denoising]");
        stdout.WriteLine("                   [--layers 784,128,32,128,784]");
        stdout.WriteLine("                   [--activation relu|sigmoid|tanh|linear|leaky_relu] [--loss bce|mse] [--noise F] [--l1 F]");
        stdout.WriteLine("                   [--per-sample-penalty] [--epochs N] [--batch B] [--lr F] [--optimizer adam|sgd]");
        stdout.WriteLine("                   [--adam keras|pytorch] [--seed S] [--rng vecae|pytorch] [--threads auto|T] [--data DIR]");
        stdout.WriteLine("                   [--out DIR] [--resume FILE] [--limit N] [--latent Z] [--json] [--quiet]");
        stdout.WriteLine("trains an autoencoder on the MNIST-layout folder --data (default data/mnist), or a folder holding");
        stdout.WriteLine("train.npy and test.npy (uint8, or float32 in [0, 1]; [count, features] or [count, height, width]), and writes");
        stdout.WriteLine($"{ModelFile}, {CheckpointFileName} (after every epoch) and {HistoryFile} to --out (default out).");
        stdout.WriteLine("presets (the article's experiments): deep 3 epochs, shallow 5, denoising (deep, noise 0.4) 10,");
        stdout.WriteLine("standard (shallow) 20, sparse (shallow, L1 1e-5 on the code) 20. --json prints one object per epoch:");
        stdout.WriteLine("epoch, train_loss, test_loss, mean_code, zero_fraction, seconds; --quiet drops the progress bar on");
        stdout.WriteLine("stderr (the epoch lines stay on stdout). Ctrl+C saves a checkpoint and exits");
        stdout.WriteLine("with code 130; --resume FILE continues it bit for bit with the checkpoint's model, seed, batch, lr,");
        stdout.WriteLine("optimizer, --adam, noise, penalty, --rng and --limit (a flag contradicting them is refused; --epochs, the total,");
        stdout.WriteLine("may change). --epochs 0 writes the initial weights untrained. --limit N uses the first N train and test");
        stdout.WriteLine("images (quick runs). --rng pytorch (the default) draws the initial weights and each epoch's batch");
        stdout.WriteLine("order from PyTorch's CPU generator, bit for bit as PyTorch does after torch.manual_seed(S): nn.Linear");
        stdout.WriteLine("layers re-initialised with xavier_uniform_ and zero biases, then torch.randperm every epoch (the noise");
        stdout.WriteLine("stays on vecae's own stream), so seed S is the reference's seed S; --rng vecae uses the engine's own");
        stdout.WriteLine("generators (the library's default). --adam keras adds Adam's epsilon to sqrt(v) before the bias");
        stdout.WriteLine("correction (the article's Keras), --adam pytorch after it (torch.optim.Adam); keras by default, pytorch");
        stdout.WriteLine("for vae and the conv models.");
        stdout.WriteLine("vae: PyTorch's examples/vae, 10 epochs, batch 128: --layers is the encoder (default 784,400), --latent the");
        stdout.WriteLine("latent size (default 20); the losses are per image (BCE summed over the pixels + KL); --rng pytorch");
        stdout.WriteLine("replays pytorch_vae.py's seed S: nn.Linear's default weights, randperm and each batch's randn_like(mu),");
        stdout.WriteLine("then the test pass's, from one generator (randn's last bits may differ from PyTorch's); Adam in");
        stdout.WriteLine("PyTorch's form with its epsilon, 1e-8 on the loss summed over the batch.");
        stdout.WriteLine("conv: the Keras blog's convolutional autoencoder (a 4x4x8 code), 22 epochs; conv-denoising: its denoiser");
        stdout.WriteLine("(a 7x7x32 code, noise 0.4), 10 epochs; both batch 128, BCE averaged per pixel, 28x28 images; --rng pytorch");
        stdout.WriteLine("replays pytorch_convae.py's seed S: its xavier_uniform_ weights and randperm, past the draws its own");
        stdout.WriteLine("modules' constructors and, when the run has noise, its noisy sets make.");
    }
}
