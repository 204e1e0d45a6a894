using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;
using Vectorized.Autoencoders.Tsne;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// The real <see cref="IExperimentEngine"/>: trains the article's models with the library's
/// <see cref="Autoencoder"/> (Glorot-uniform init, Adam 1e-3, BCE, batch 32, shuffled every
/// epoch) and evaluates them on the test set the way Keras' <c>evaluate</c> does.
/// </summary>
public sealed class AutoencoderExperimentEngine : IExperimentEngine
{
    private readonly ImageSet _train;
    private readonly ImageSet _test;
    private readonly int _threads;
    private readonly int _figureCount;
    private readonly int _standardEpochs;
    private readonly RandomStreams _streams;

    // Per seed: the shallow model's trainer and history, continued by the standard experiment.
    private readonly Dictionary<int, (Trainer Trainer, List<EpochResult> History)> _shallowRuns = [];

    /// <param name="train">Training images (a prefix of MNIST's in a quick run).</param>
    /// <param name="test">Test images evaluated and drawn.</param>
    /// <param name="standardEpochs">Epochs the standard experiment will train: the shallow run is set up to continue to them.</param>
    /// <param name="streams">Where the initial weights and batch orders come from (see <see cref="ReproduceSettings.Streams"/>).</param>
    public AutoencoderExperimentEngine(ImageSet train, ImageSet test, int threads, int figureCount, int standardEpochs, RandomStreams streams = RandomStreams.Vecae)
    {
        _streams = streams;
        _train = train;
        _test = test;
        _threads = threads;
        _figureCount = Math.Min(figureCount, test.Count);
        _standardEpochs = standardEpochs;
    }

    /// <summary>The model and input noise of an experiment of <see cref="ArticleReference"/>.</summary>
    public static (AutoencoderOptions Options, float Noise) Recipe(string key) => key switch
    {
        "deep" => (AutoencoderOptions.Deep, 0f),
        "denoising" => (AutoencoderOptions.Deep, ArticleReference.DenoisingNoise),
        "shallow" or "standard" => (AutoencoderOptions.Shallow, 0f),
        "sparse" => (AutoencoderOptions.Sparse, 0f),
        "conv" => (AutoencoderOptions.Convolutional, 0f),
        "conv-denoising" => (AutoencoderOptions.ConvolutionalDenoising, ArticleReference.DenoisingNoise),
        _ => throw new ArgumentException($"No recipe for experiment '{key}'.", nameof(key)),
    };

    public ExperimentRun Run(ExperimentSpec spec, int seed, int epochs, ProgressBar progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var (options, noise) = Recipe(spec.Key);
        var testSamples = new ImageSetSource(_test);
        Trainer trainer;
        var history = new List<EpochResult>();
        if (spec.Key == "standard" && _shallowRuns.Remove(seed, out var shallow) && shallow.Trainer.CompletedEpochs <= epochs)
        {
            // The standard model is the shallow model trained longer with the same seed and recipe: a
            // separate run would repeat the shallow run's epochs bit for bit, so continue it instead.
            (trainer, history) = (shallow.Trainer, [.. shallow.History]);
        }
        else
        {
            var totalEpochs = spec.Key == "shallow" ? Math.Max(epochs, _standardEpochs) : epochs;
            trainer = new Trainer(Autoencoder.Create(options, seed, _streams, noise), new TrainingOptions
            {
                Streams = _streams,
                Epochs = totalEpochs,
                BatchSize = ArticleReference.BatchSizeOf(spec.Key),
                Seed = seed,
                Threads = _threads,
                NoiseStd = noise,
                Adam = TrainPresets.Adam(spec.Key, ArticleReference.BatchSizeOf(spec.Key)),
            });
        }

        Train(spec, seed, trainer, epochs, history, progress, cancellationToken);
        if (spec.Key == "shallow")
        {
            _shallowRuns[seed] = (trainer, [.. history]);
        }

        var model = trainer.Model;
        var evaluation = model.Evaluate(testSamples, noise, seed, ArticleReference.BatchSizeOf(spec.Key), _threads);
        var trainLoss = history.Select(e => e.TrainLoss).ToArray();
        var trainSeconds = history.Sum(e => e.Seconds);
        return new ExperimentRun(trainLoss, evaluation.Loss, evaluation.MeanCode, trainSeconds, Material(model, noise, seed, testSamples));
    }

    // Runs epochs until the trainer has completed `epochs` of them, appending each to `history`.
    private void Train(ExperimentSpec spec, int seed, Trainer trainer, int epochs, List<EpochResult> history, ProgressBar progress, CancellationToken cancellationToken)
    {
        var samples = new ImageSetSource(_train);
        var reporter = new EpochCountOverride(new TrainingProgressReporter(progress, ArticleReference.BatchSizeOf(spec.Key)), epochs);
        ExperimentEpochs.Run(trainer, samples, reporter, epochs, $"{spec.Key} seed {seed}", history, cancellationToken);
    }

    // A shallow run is set up for the standard model's epochs; its progress should still count to its own.
    private sealed class EpochCountOverride(IProgress<TrainingProgress> inner, int epochs) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => inner.Report(value with { Epochs = epochs });
    }

    public CodeMap Map(float[] codes, int codeSize, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        count = Math.Min(count, Math.Min(_test.Count, codes.Length / codeSize));
        cancellationToken.ThrowIfCancellationRequested();
        var result = TsneEmbedder.Fit(codes.AsSpan(0, count * codeSize), count, codeSize, new TsneOptions { Threads = _threads });
        var labels = _test.Labels.Span[..count].ToArray();
        var accuracy = NeighborAccuracy.LeaveOneOut(result.Embedding, labels.Select(l => (int)l).ToArray(), count, threads: _threads);
        return new CodeMap(result.Embedding, labels, codeSize, accuracy, result.KlDivergence, result.Seconds);
    }

    public CodeMap MapPixels(int count, CancellationToken cancellationToken)
    {
        count = Math.Min(count, _test.Count);
        var pixels = new float[count * _test.Features];
        _test.CopyRange(0, count, pixels);
        return Map(pixels, _test.Features, count, cancellationToken);
    }

    private FigureMaterial Material(Autoencoder model, float noise, int seed, ImageSetSource testSamples)
    {
        var size = model.InputSize;
        var count = _figureCount;
        var originals = new float[count * size];
        _test.CopyRange(0, count, originals);
        float[]? noisy = null;
        if (noise > 0f)
        {
            noisy = new float[count * size];
            var indices = Enumerable.Range(0, count).ToArray();
            // Fresh noise for the figure, seeded by the run: the same picture for the same seed.
            GaussianNoise.ApplyBatch(indices, originals, size, noise, (ulong)(uint)seed, noisy);
        }

        var outputs = new float[count * model.OutputSize];
        model.Predict(noisy ?? originals, count, outputs, _threads);
        // A convolutional model has no dense first layer to draw.
        var (weights, units) = model.Layers.Count > 0 ? (model.Layers[0].Weights.ToArray(), model.Layers[0].OutputSize) : ([], 0);
        return new FigureMaterial(originals, noisy, outputs, weights, units, model.Encode(testSamples, _threads), model.CodeSize);
    }
}

/// <summary>An experiment could not finish (e.g. a non-finite loss); reported as one line.</summary>
public sealed class ExperimentFailedException(string message) : Exception(message);
