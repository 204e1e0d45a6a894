using System.Globalization;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Optimizers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// Everything that decides where a <c>vecae train</c> run goes: two runs with equal values give the
/// same bits for any thread count. Stored in each checkpoint, so <c>--resume</c> continues the
/// run that wrote it rather than a run the flags describe.
/// </summary>
internal sealed record TrainRun(
    string ModelName, AutoencoderOptions Architecture, int Seed, int Batch, float LearningRate,
    Optimizer Optimizer, AdamForm AdamForm, float Noise, RandomStreams Streams, int Limit)
{
    private const string ModelKey = "model";
    private const string SeedKey = "seed";
    private const string NoiseKey = "noise";
    private const string BatchKey = "batch";
    private const string LearningRateKey = "lr";
    private const string OptimizerKey = "optimizer";
    private const string AdamFormKey = "adam";
    private const string LimitKey = "limit";

    /// <summary>The checkpoint metadata that records this run (the architecture and streams have their own keys).</summary>
    public IEnumerable<(string Key, string Value)> Metadata()
    {
        yield return (ModelKey, ModelName);
        yield return (SeedKey, Seed.ToString(CultureInfo.InvariantCulture));
        yield return (NoiseKey, Noise.ToString("R", CultureInfo.InvariantCulture));
        yield return (BatchKey, Batch.ToString(CultureInfo.InvariantCulture));
        yield return (LearningRateKey, LearningRate.ToString("R", CultureInfo.InvariantCulture));
        yield return (OptimizerKey, OptimizerName(Optimizer));
        yield return (AdamFormKey, AdamFormName(AdamForm));
        yield return (LimitKey, Limit.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The run <paramref name="checkpoint"/> was written by. A checkpoint from before a key was
    /// stored falls back to <paramref name="requested"/>'s value, as resuming did then.
    /// </summary>
    public static TrainRun From(TrainingCheckpoint checkpoint, IReadOnlyDictionary<string, string> metadata, TrainRun requested)
    {
        string Text(string key, string fallback) => metadata.TryGetValue(key, out var value) ? value : fallback;
        var inv = CultureInfo.InvariantCulture;
        return new TrainRun(
            Text(ModelKey, requested.ModelName),
            checkpoint.Architecture,
            int.Parse(Text(SeedKey, requested.Seed.ToString(inv)), inv),
            int.Parse(Text(BatchKey, requested.Batch.ToString(inv)), inv),
            float.Parse(Text(LearningRateKey, requested.LearningRate.ToString("R", inv)), inv),
            ParseOptimizer(Text(OptimizerKey, OptimizerName(requested.Optimizer))),
            // Checkpoints from before the key was stored all stepped in Keras' form.
            ParseAdamForm(Text(AdamFormKey, AdamFormName(AdamForm.Keras))),
            float.Parse(Text(NoiseKey, requested.Noise.ToString("R", inv)), inv),
            checkpoint.Streams,
            int.Parse(Text(LimitKey, requested.Limit.ToString(inv)), inv));
    }

    /// <summary>
    /// Refuses a flag the user gave (<paramref name="given"/>) whose value differs from this run's:
    /// resuming with another seed, batch or learning rate would silently become another run.
    /// </summary>
    public void EnsureAgrees(TrainRun requested, Func<string, bool> given)
    {
        var inv = CultureInfo.InvariantCulture;
        Check("model", requested.ModelName, ModelName);
        Check("layers", string.Join(',', requested.Architecture.LayerSizes), string.Join(',', Architecture.LayerSizes));
        Check("activation", ActivationFunctions.Name(requested.Architecture.HiddenActivation), ActivationFunctions.Name(Architecture.HiddenActivation));
        Check("loss", LossName(requested.Architecture.Loss), LossName(Architecture.Loss));
        Check("l1", requested.Architecture.CodeRegularizer.L1.ToString("R", inv), Architecture.CodeRegularizer.L1.ToString("R", inv));
        Check("per-sample-penalty", PerSample(requested.Architecture), PerSample(Architecture));
        Check("noise", requested.Noise.ToString("R", inv), Noise.ToString("R", inv));
        Check("batch", requested.Batch.ToString(inv), Batch.ToString(inv));
        Check("lr", requested.LearningRate.ToString("R", inv), LearningRate.ToString("R", inv));
        Check("optimizer", OptimizerName(requested.Optimizer), OptimizerName(Optimizer));
        Check("adam", AdamFormName(requested.AdamForm), AdamFormName(AdamForm));
        Check("seed", requested.Seed.ToString(inv), Seed.ToString(inv));
        Check("rng", RandomStreamsNames.Name(requested.Streams), RandomStreamsNames.Name(Streams));
        Check("limit", requested.Limit.ToString(inv), Limit.ToString(inv));

        void Check(string flag, string wanted, string saved)
        {
            if (given(flag) && wanted != saved)
            {
                throw new CliException($"train: --{flag} {wanted} contradicts the checkpoint's {saved}; --resume continues the checkpoint's run, only --epochs may change");
            }
        }
    }

    public static string OptimizerName(Optimizer optimizer) => optimizer == Optimizer.Adam ? "adam" : "sgd";

    public static Optimizer ParseOptimizer(string text) => text switch
    {
        "adam" => Optimizer.Adam,
        "sgd" => Optimizer.SgdMomentum,
        _ => throw new CliException($"train: --optimizer must be adam or sgd, got '{text}'"),
    };

    public static string AdamFormName(AdamForm form) => form == AdamForm.PyTorch ? "pytorch" : "keras";

    public static AdamForm ParseAdamForm(string text) => text switch
    {
        "keras" => AdamForm.Keras,
        "pytorch" => AdamForm.PyTorch,
        _ => throw new CliException($"train: --adam must be keras or pytorch, got '{text}'"),
    };

    private static string LossName(Loss loss) => loss == Loss.MeanSquaredError ? "mse" : "bce";

    private static string PerSample(AutoencoderOptions architecture) => architecture.CodeRegularizer.PerSample ? "on" : "off";
}
