using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Optimizers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Training;

/// <summary>
/// Trains one model: owns the gradients, optimizer moments, workspace and shuffle state, all
/// allocated up front so a step allocates nothing. The whole state can be captured as a
/// <see cref="TrainingCheckpoint"/> at any batch boundary and restored to continue bit for bit.
/// </summary>
public sealed class Trainer
{
    // Sized on first use from the data, not from BatchSize alone (see EnsureWorkspace).
    private Workspace? _ws;
    private readonly float[] _gradients;
    private readonly float[] _moment1;
    private readonly float[] _moment2;
    private readonly ulong _noiseSeed;
    private int[] _order = [];
    private Xoshiro256 _rng;
    private Xoshiro256 _epochStartRng;
    private bool _orderReady;
    // RandomStreams.PyTorch: the generator and the epoch whose randperm it draws next; null until needed.
    private Mt19937? _torchRng;
    private StepProfile? _profile;
    // One step in this many tries the thread choice that is not the current best. Such a step runs
    // every call that may split on all threads, which at batch 32, when the vCPUs share a core, takes
    // about twice a one-thread step: 1 in 128 keeps that under 1% of the time, and still tries the
    // other choice several times a second.
    private const int StepExploreEvery = 128;
    private readonly ThreadChoice _stepThreads = new();
    // Adam zeroes the gradients as it consumes them, so the next step need not (new arrays are zero too).
    private bool _gradientsAreZero = true;
    private int _torchRngEpoch;

    public Trainer(Autoencoder model, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Model = model;
        Options = options;
        _gradients = new float[model.ParameterCount];
        _moment1 = new float[model.ParameterCount];
        _moment2 = options.Optimizer == Optimizer.Adam ? new float[model.ParameterCount] : [];
        _rng = new Xoshiro256(ShuffleSeed(options.Seed));
        _epochStartRng = _rng;
        _noiseSeed = GaussianNoise.SeedFor(options.Seed);
    }

    public Autoencoder Model { get; }

    public TrainingOptions Options { get; }

    /// <summary>Epochs fully completed.</summary>
    public int CompletedEpochs { get; private set; }

    /// <summary>Batches done in the current, unfinished epoch (0 at an epoch boundary).</summary>
    public int BatchInEpoch { get; private set; }

    /// <summary>Optimizer steps taken (Adam's t).</summary>
    public long Step { get; private set; }

    /// <summary>
    /// The measured time, in microseconds, for a second thread to start on a published parallel
    /// call in this process (measured once, on first use): what decides how many threads each call takes.
    /// </summary>
    public static double HelperJoinMicroseconds => Threading.ParallelPolicy.JoinMicroseconds;

    /// <summary>The smallest share of work, in microseconds on one thread, that a parallel call gives an extra thread.</summary>
    public static double MinParallelShareMicroseconds => Threading.ParallelPolicy.MinShareMicroseconds;

    /// <summary>
    /// Times every phase of each step from now on (a benchmark's tool; a lap costs one clock read).
    /// Turning it on starts a fresh profile; <see cref="PhaseTimes"/> reads it.
    /// </summary>
    public bool MeasurePhases
    {
        get => _profile is not null;
        set => _profile = value ? new StepProfile(Model.Network) : null;
    }

    /// <summary>Mean microseconds per step of each phase (load, zero, each step forward, loss, each step backward, check, optimizer) since <see cref="MeasurePhases"/> was turned on; empty when off.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> PhaseTimes()
    {
        if (_profile is null)
        {
            return [];
        }

        var micros = _profile.MicrosecondsPerStep();
        return [.. _profile.Names.Select((name, i) => KeyValuePair.Create(name, micros[i]))];
    }

    /// <summary>Sum of the current epoch's batch losses so far.</summary>
    public double EpochLossSum { get; private set; }

    /// <summary>Trains until <see cref="TrainingOptions.Epochs"/> epochs are complete (continuing a restored state).</summary>
    public TrainingHistory Fit(ISampleSource inputs, ISampleSource? targets, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var history = new TrainingHistory();
        while (CompletedEpochs < Options.Epochs)
        {
            var result = RunEpoch(inputs, targets, progress, cancellationToken);
            if (result is null)
            {
                history.Stopped = true;
                history.StopReason = "cancelled";
                break;
            }

            history.Add(result);
        }

        return history;
    }

    /// <summary>
    /// Runs the rest of the current epoch. Returns null when cancelled (the state then stops at a
    /// batch boundary and can be checkpointed). Throws <see cref="NonFiniteLossException"/> without
    /// applying the offending update.
    /// </summary>
    public EpochResult? RunEpoch(ISampleSource inputs, ISampleSource? targets, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckSources(inputs, targets);
        PrepareOrder(inputs.Count);
        var batchSize = Options.BatchSize;
        // A batch never holds more rows than the data set: --batch 65536 over 100 samples allocates 100 rows.
        EnsureWorkspace(Math.Min(batchSize, inputs.Count));
        var batches = (inputs.Count + batchSize - 1) / batchSize;
        var started = Stopwatch.GetTimestamp();
        while (BatchInEpoch < batches)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            var start = BatchInEpoch * batchSize;
            var batch = Math.Min(batchSize, inputs.Count - start);
            var loss = TrainBatch(inputs, targets, _order.AsSpan(start, batch));
            EpochLossSum += loss;
            BatchInEpoch++;
            if (progress is not null && (BatchInEpoch % Options.ProgressInterval == 0 || BatchInEpoch == batches))
            {
                progress.Report(new TrainingProgress(CompletedEpochs + 1, Options.Epochs, BatchInEpoch, batches, EpochLossSum / BatchInEpoch, Stopwatch.GetElapsedTime(started)));
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var trainLoss = EpochLossSum / Math.Max(1, batches);
        CompletedEpochs++;
        BatchInEpoch = 0;
        EpochLossSum = 0;
        _orderReady = false;
        var validation = Options.Validation is { } v ? Validate(v) : null;
        return new EpochResult(CompletedEpochs, trainLoss, validation, seconds);
    }

    private EvaluationResult Validate(ISampleSource validation)
    {
        if (Options.Streams != RandomStreams.PyTorch || Model.Network.Sampler is not { } sampler)
        {
            return Model.Evaluate(validation, Options.NoiseStd, Options.Seed, Autoencoder.DefaultBatchSize, Options.Threads);
        }

        // The peer's test pass: batches of its training batch size, eps from the generator where the
        // epoch left it, which then goes on into the next epoch's randperm.
        sampler.TorchEvaluationStream = _torchRng;
        try
        {
            return Model.Evaluate(validation, Options.NoiseStd, Options.Seed, Options.BatchSize, Options.Threads);
        }
        finally
        {
            sampler.TorchEvaluationStream = null;
        }
    }

    /// <summary>One optimizer step on the samples at <paramref name="indices"/>; returns the batch loss.</summary>
    // indices: [batch] with batch <= BatchSize
    public double TrainBatch(ISampleSource inputs, ISampleSource? targets, ReadOnlySpan<int> indices)
    {
        var batch = indices.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch, Options.BatchSize, nameof(indices));
        EnsureWorkspace(batch);
        indices.CopyTo(_ws.Indices);
        // Whole steps on one thread or on all, by what each measured here (see ThreadChoice): a
        // step's time sees what one call's cannot, such as the other vCPU slowing the serial parts.
        var prefersParallel = _stepThreads.PrefersParallel;
        var threads = _stepThreads.Choose(Options.Threads, StepExploreEvery);
        // A one-thread step teaches every call class its one-thread time; a step that tries the extra
        // threads while one thread is preferred runs every call on them, so the comparison is of one
        // thread against all, and each class learns what all threads do now. Otherwise calls choose.
        using var scope = Options.Threads <= 1 || (threads > 1 && prefersParallel)
            ? default
            : AdaptiveThreads.ForStep(threads, Options.Threads);
        var stepStart = Stopwatch.GetTimestamp();
        var profile = _ws.Profile = _profile;
        profile?.Start();
        _ws.LoadBatch(inputs, targets, batch, Options.NoiseStd, _noiseSeed, threads);
        profile?.Lap(StepProfile.LoadBatch);
        // The gradients start at zero (Adam zeroed them as it read them), or ForwardBackward zeroes them.
        var loss = ModelPass.ForwardBackward(Model, _ws, batch, threads, _gradients, _gradientsAreZero);
        _gradientsAreZero = false;
        if (!double.IsFinite(loss))
        {
            throw new NonFiniteLossException(CompletedEpochs + 1, BatchInEpoch + 1, "loss");
        }

        if (!FiniteGradients.AllFinite(_gradients, threads))
        {
            throw new NonFiniteLossException(CompletedEpochs + 1, BatchInEpoch + 1, "gradient");
        }

        profile?.Lap(profile.FinitenessCheck);

        Step++;
        if (Options.Optimizer == Optimizer.Adam)
        {
            ParallelAdam.Step(_gradients, Options.Adam, Step, Model.Parameters, _moment1, _moment2, zeroGradients: true, threads);
            _gradientsAreZero = true;
        }
        else
        {
            Sgd.Step(_gradients, Options.SgdLearningRate, Options.SgdMomentum, Model.Parameters, _moment1);
        }

        Model.ParametersChanged();
        profile?.Lap(profile.Optimizer);

        if (Options.Threads > 1)
        {
            _stepThreads.Record(threads > 1, (double)(Stopwatch.GetTimestamp() - stepStart) / batch);
        }

        return loss;
    }

    /// <summary>The complete training state, to save and later <see cref="Restore"/>.</summary>
    public TrainingCheckpoint Capture() => new(
        Model.Options, Model.ParameterSpan.ToArray(), _moment1.ToArray(), _moment2.ToArray(),
        Step, CompletedEpochs, BatchInEpoch, EpochLossSum, State(_epochStartRng), State(_rng))
    {
        Streams = Options.Streams,
        LatentNoiseRngState = Model.Network.Sampler is { } sampler ? TrainingNoiseState(sampler) : null,
    };

    /// <summary>Continues from a captured state; the model's architecture must match.</summary>
    public void Restore(TrainingCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!checkpoint.Architecture.Equals(Model.Options))
        {
            throw new ArgumentException("The checkpoint was written for a different architecture.");
        }

        if (checkpoint.Moment1.Length != _moment1.Length || checkpoint.Moment2.Length != _moment2.Length)
        {
            throw new ArgumentException("The checkpoint's optimizer state does not match this optimizer.");
        }

        if (checkpoint.Streams != Options.Streams)
        {
            throw new ArgumentException(
                $"The checkpoint was written with {RandomStreamsNames.Name(checkpoint.Streams)} random streams, these options use {RandomStreamsNames.Name(Options.Streams)}.");
        }

        var sampler = Model.Network.Sampler;
        if (sampler is not null && checkpoint.LatentNoiseRngState is null)
        {
            throw new ArgumentException(
                "The checkpoint has no state of the variational model's eps stream (written before vecae stored it), so training cannot continue bit for bit; train again from the start.");
        }

        Model.SetParameters(checkpoint.Parameters);
        if (sampler is not null)
        {
            sampler.RestoreTraining([.. checkpoint.LatentNoiseRngState!]);
        }

        checkpoint.Moment1.CopyTo(_moment1, 0);
        checkpoint.Moment2.CopyTo(_moment2, 0);
        Step = checkpoint.Step;
        CompletedEpochs = checkpoint.CompletedEpochs;
        BatchInEpoch = checkpoint.BatchInEpoch;
        EpochLossSum = checkpoint.EpochLossSum;
        _epochStartRng = Xoshiro256.FromState(checkpoint.EpochStartRngState);
        _rng = Xoshiro256.FromState(checkpoint.RngState);
        // Mid-epoch: rebuild this epoch's order from the generator state it was drawn from.
        _orderReady = false;
        _torchRng = null;
        if (BatchInEpoch > 0)
        {
            _rng = _epochStartRng;
        }
    }

    /// <summary>Allocates the activation buffers for batches of <paramref name="rows"/> rows, unless those held already fit.</summary>
    [MemberNotNull(nameof(_ws))]
    private void EnsureWorkspace(int rows)
    {
        if (_ws is null || _ws.Capacity < rows)
        {
            _ws = new Workspace(Model.Options, Math.Max(1, rows));
        }
    }

    internal static ulong ShuffleSeed(int seed) => (ulong)(uint)seed ^ 0x53485546464C4531UL;

    private void PrepareOrder(int count)
    {
        if (_order.Length != count)
        {
            _order = new int[count];
            _orderReady = false;
            _torchRng = null;
        }

        if (_orderReady)
        {
            return;
        }

        // Each epoch shuffles the identity, so its order depends only on the generator state.
        for (var i = 0; i < count; i++)
        {
            _order[i] = i;
        }

        _epochStartRng = _rng;
        var sampler = Model.Network.Sampler;
        if (Options.Streams == RandomStreams.PyTorch && (Options.Shuffle || sampler is not null))
        {
            var torchRng = TorchRngForThisEpoch(count);
            if (Options.Shuffle)
            {
                TorchRandom.Randperm(torchRng, _order);
            }

            _torchRngEpoch = CompletedEpochs + 1;
            if (sampler is not null)
            {
                // Resumed mid-epoch: past the eps of the batches already done.
                torchRng.Skip(TorchReplay.RandnBatchDraws(BatchInEpoch * Options.BatchSize, Options.BatchSize, sampler.OutputSize));
                sampler.TorchTrainingStream = torchRng;
            }
        }
        else if (Options.Shuffle)
        {
            _rng.Shuffle(_order);
        }

        _orderReady = true;
    }

    /// <summary>
    /// PyTorch's generator where the peer's randperm for this epoch finds it. Its position depends only
    /// on the seed, the architecture and the epochs done, so after a restore (or a new trainer) it is
    /// rebuilt by replaying the initialization and the earlier epochs' draws, and nothing is stored.
    /// </summary>
    private Mt19937 TorchRngForThisEpoch(int count)
    {
        if (_torchRng is null || _torchRngEpoch != CompletedEpochs)
        {
            _torchRng = TorchReplay.AfterInitialization(Options.Seed, Model.Options, Options.NoiseStd > 0f);
            _torchRng.Skip(CompletedEpochs * EpochTorchDraws(count));
        }

        return _torchRng;
    }

    /// <summary>
    /// Draws of one whole epoch of the peer: its randperm, and for a variational model each batch's
    /// <c>randn_like(mu)</c> and then the test pass's, batch by batch (the validation set here).
    /// </summary>
    private long EpochTorchDraws(int count)
    {
        var draws = Options.Shuffle ? TorchRandom.RandpermDraws(count) : 0;
        if (Model.Network.Sampler is { } sampler)
        {
            draws += TorchReplay.RandnBatchDraws(count, Options.BatchSize, sampler.OutputSize);
            draws += Options.Validation is { } v ? TorchReplay.RandnBatchDraws(v.Count, Options.BatchSize, sampler.OutputSize) : 0;
        }

        return draws;
    }

    private void CheckSources(ISampleSource inputs, ISampleSource? targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            // An epoch of no batches would report a loss of 0 as if it had learnt something.
            throw new ArgumentException("There are no samples to train on.", nameof(inputs));
        }

        if (Options.Streams == RandomStreams.PyTorch && Model.Network.Sampler is { } sampler)
        {
            var problem = TorchReplay.VariationalBatchProblem(inputs.Count, Options.BatchSize, sampler.OutputSize)
                ?? (Options.Validation is { } v ? TorchReplay.VariationalBatchProblem(v.Count, Options.BatchSize, sampler.OutputSize) : null);
            if (problem is not null)
            {
                throw new ArgumentException($"PyTorch random streams cannot replay this run: {problem}.", nameof(inputs));
            }
        }

        if (inputs.SampleSize != Model.InputSize)
        {
            throw new ArgumentException($"The model takes samples of {Model.InputSize} values; the inputs have {inputs.SampleSize}.");
        }

        if (targets is not null && (targets.Count != inputs.Count || targets.SampleSize != Model.OutputSize))
        {
            throw new ArgumentException($"Targets must be {inputs.Count} samples of {Model.OutputSize} values.");
        }

        if (targets is null && Model.OutputSize != Model.InputSize)
        {
            throw new ArgumentException("Without targets the model must reproduce its input: input and output sizes must match.");
        }
    }

    private static ulong[] TrainingNoiseState(Layers.GaussianSampleLayer sampler)
    {
        var state = new ulong[4];
        sampler.GetTrainingState(state);
        return state;
    }

    private static ulong[] State(Xoshiro256 rng)
    {
        var state = new ulong[4];
        rng.GetState(state);
        return state;
    }
}
