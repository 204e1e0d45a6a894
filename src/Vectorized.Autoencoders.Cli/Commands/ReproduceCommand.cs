using System.Globalization;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae reproduce</c>: the whole article, end to end, into <c>report/index.html</c>.</summary>
public static class ReproduceCommand
{
    /// <summary>Exit code after Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr) => Run(args, stdout, stderr, CancellationToken.None);

    internal static int Run(Arguments args, TextWriter stdout, TextWriter stderr, CancellationToken externalCancel)
    {
        var output = args.String("out", "report");
        var quick = args.Flag("quick");
        var seedsText = args.String("seeds");
        var threads = args.Threads();
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        var count = args.Int("count", ArticleFigures.DefaultCount, 1, 20);
        var rngText = args.String("rng", "pytorch");
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae reproduce [--out DIR] [--quick] [--seeds 1,2,3] [--rng pytorch|vecae] [--threads auto|T] [--data DIR] [--count N]");
            stdout.WriteLine("runs the article's five experiments (deep 3 epochs, shallow 5, denoising 10, standard 20, sparse 20;");
            stdout.WriteLine("batch 32, Adam 1e-3, binary cross-entropy) once per seed, draws every figure, and writes DIR/index.html");
            stdout.WriteLine("(default report/) with each number beside the article's and a pass/fail mark per target; then the Keras blog's");
            stdout.WriteLine("convolutional autoencoder (conv, 22 epochs) and denoiser (conv-denoising, 10 epochs), batch 128, on --rng's");
            stdout.WriteLine("streams (pytorch: pytorch_convae.py's seeds); then the variational autoencoder (PyTorch's examples/vae,");
            stdout.WriteLine("784-400-20, batch 128, 10 epochs per seed, on --rng's streams, pytorch: pytorch_vae.py's seeds; target:");
            stdout.WriteLine("test loss per image at most 105.5) with digits sampled from N(0, I), and a 2-d model of the first seed for");
            stdout.WriteLine("the latent manifold.");
            stdout.WriteLine("  --quick    a few hundred batches per experiment (one epoch for the conv models and the VAE), one seed unless");
            stdout.WriteLine("             --seeds: checks the pipeline, not the numbers");
            stdout.WriteLine("  --seeds    comma-separated seeds; targets are judged on the mean over them (default 1,2,3)");
            stdout.WriteLine("  --rng      where initial weights and batch orders come from: pytorch (default) replays PyTorch's generator,");
            stdout.WriteLine("             so seed N starts where the reference's seed N did; vecae uses the engine's own");
            stdout.WriteLine("  --count    digits per row in the reconstruction figures (default 5)");
            stdout.WriteLine("  --data     folder with the four MNIST files (default data/mnist; get them with tools/fetch-mnist.sh)");
            return 0;
        }

        args.EnsureAllUsed();
        if (!RandomStreamsNames.TryParse(rngText, out var streams))
        {
            throw new CliException($"reproduce: --rng must be pytorch or vecae, got '{rngText}'");
        }

        var seeds = seedsText is null ? (quick ? [1] : ArticleReference.Seeds) : ParseSeeds(seedsText);
        var settings = new ReproduceSettings
        {
            Seeds = seeds,
            Quick = quick,
            Threads = threads,
            OutputDirectory = output,
            DataDirectory = dataDir,
            Count = count,
            Streams = streams,
        };

        // The lock first, so a second run into the same folder fails at once; should the data then
        // fail to load, releasing the lock removes the folder it created.
        using var outputLock = OutputFolderLock.Acquire(output);
        var dataset = TrainData.LoadDataset(dataDir);
        PrepareOutput(output);
        var train = settings.TrainLimit is { } trainLimit ? dataset.Train.Take(Math.Min(trainLimit, dataset.Train.Count)) : dataset.Train;
        var test = settings.TestLimit is { } testLimit ? dataset.Test.Take(Math.Min(testLimit, dataset.Test.Count)) : dataset.Test;
        if (train.Count == 0 || test.Count == 0)
        {
            throw new CliException($"{dataDir}: the training or test set is empty");
        }

        var engine = new AutoencoderExperimentEngine(train, test, threads, count, settings.EpochsOf(ArticleReference.Experiment("standard")), streams);
        var progress = ProgressBar.For(stderr);
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reproduce: {ArticleReference.Experiments.Length} experiments and the VAE, each for {seeds.Length} seed(s), {train.Count} training and {test.Count} test images, {threads} thread(s){(quick ? ", quick" : "")}"));

        // First Ctrl+C: stop after the current batch and leave cleanly; a second one kills the process.
        using var cts = new CtrlCCancellation(externalCancel);
        try
        {
            var summary = ReproducePipeline.Run(engine, settings, progress, cts.Token, new VariationalExperimentEngine(train, test, threads, streams));
            var page = WriteReport(summary, output);
            var targets = HtmlReportWriter.Targets(summary).ToList();
            var met = targets.Count(t => t.Number.Meets(t.Value));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {page}"));
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"targets: {met} of {targets.Count} met{(quick ? " (quick run: numbers not comparable with the article's)" : "")}; total {HtmlReportWriter.FormatDuration(summary.TotalSeconds)}"));
            return 0;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine();
            stderr.WriteLine("error: reproduce: interrupted; no report written");
            return Interrupted;
        }
        catch (ExperimentFailedException e)
        {
            stderr.WriteLine($"error: reproduce: {e.Message}");
            return 1;
        }
    }

    /// <summary>Parses <c>1,2,3</c>: non-negative integers, at least one, no repeats.</summary>
    public static int[] ParseSeeds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var seeds = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out seeds[i]))
            {
                throw new CliException($"reproduce: --seeds expects comma-separated non-negative integers, got '{text}'");
            }
        }

        if (seeds.Distinct().Count() != seeds.Length)
        {
            throw new CliException($"reproduce: --seeds repeats a seed: '{text}'");
        }

        return seeds;
    }

    /// <summary>Creates the report folder before hours of training, so a bad path fails at once.</summary>
    private static void PrepareOutput(string directory)
    {
        try
        {
            if (File.Exists(directory))
            {
                throw new CliException($"{directory}: is a file; --out needs a folder");
            }

            AtomicFile.CreateFolder(directory);
            var probe = Path.Combine(directory, ".vecae-write-test");
            AtomicFile.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not FileWriteException)
        {
            throw new CliException($"{directory}: cannot write the report there ({e.Message})");
        }
    }

    private static string WriteReport(RunSummary summary, string directory)
    {
        try
        {
            return HtmlReportWriter.Write(summary, directory);
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not FileWriteException)
        {
            throw new CliException($"{directory}: cannot write the report ({e.Message})");
        }
    }
}
