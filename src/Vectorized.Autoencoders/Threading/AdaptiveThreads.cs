using System.Diagnostics;

namespace Vectorized.Autoencoders.Threading;

/// <summary>What a parallel call does, for <see cref="AdaptiveThreads"/>: the two kinds scale differently.</summary>
internal enum WorkKind
{
    /// <summary>A matrix product with few rows (B streamed): compute-bound, splits well when the cores are really two.</summary>
    Gemm,

    /// <summary>
    /// A matrix product with many rows (both operands packed): a class of its own, because it splits
    /// differently from a streamed product of the same size (784x128x32 against 32x128x784: the
    /// same multiply-adds, one size class, and opposite answers when they shared one).
    /// </summary>
    GemmPacked,

    /// <summary>A direct convolution over a batch's planes.</summary>
    Convolution,

    /// <summary>An element-wise pass (loss, Adam, finiteness): bound by memory.</summary>
    ElementWise,
}

/// <summary>A parallel call in flight: the threads it was given, and what to learn from its time.</summary>
internal readonly record struct ParallelCall(int Threads, int Bucket, long Start, double Estimate);

/// <summary>
/// Measures, per kind and size of call, whether the extra threads actually made calls faster, and
/// stops using them where they did not. Why it is needed: on the shared 2-vCPU machines this project
/// runs on, whether the second vCPU is a core of its own or shares one with the first changes while a
/// process runs (two concurrent 1024^3 products measured 12.0 and 12.3 ms at one moment, 26 and 29 ms
/// at another: bench/results/threads-2026-12-02.md). No calibration made once can know which holds.
/// So each size class (kind, log2 of the estimated one-thread microseconds) keeps a moving average of
/// time per estimated microsecond for one thread and for the extra threads; a call takes the extra
/// threads only while they are ahead by more than 3%, and one call in 256 tries the other choice so a
/// change is noticed. Results do not depend on this: only who runs the fixed parts changes.
/// </summary>
internal static class AdaptiveThreads
{
    /// <summary>
    /// One call in this many tries the choice that is not the current best: rare enough that trying a
    /// choice 2.3x slower (a batch-32 product when the vCPUs share a core) costs under 1%, often enough
    /// (tens of times a second in training) to notice when the machine changes.
    /// </summary>
    public const int ExploreEvery = 256;

    private const int SizeClasses = 32;

    private static readonly ThreadChoice[] s_stats = CreateStats();

    /// <summary>
    /// Starts a call of <paramref name="kind"/> estimated at <paramref name="serialMicroseconds"/>
    /// on one thread, allowed <paramref name="maxThreads"/>; run it on the returned call's threads,
    /// then pass the call to <see cref="End"/>.
    /// </summary>
    public static ParallelCall Begin(WorkKind kind, double serialMicroseconds, int maxThreads)
    {
        if (t_step == StepMode.Serial && maxThreads == 1 && !ParallelPolicy.SplitAlways
            && ParallelPolicy.Threads(serialMicroseconds, t_stepThreads) > 1)
        {
            // A call of a one-thread step that could have split: a one-thread sample for its class.
            return new ParallelCall(1, Bucket(kind, serialMicroseconds), Stopwatch.GetTimestamp(), serialMicroseconds);
        }

        var threads = ParallelPolicy.Threads(serialMicroseconds, maxThreads);
        if (threads == 1 || ParallelPolicy.SplitAlways)
        {
            return new ParallelCall(threads, -1, 0, serialMicroseconds);
        }

        var bucket = Bucket(kind, serialMicroseconds);
        var chosen = t_step == StepMode.AllThreads ? threads : s_stats[bucket].Choose(threads, ExploreEvery);
        return new ParallelCall(chosen, bucket, Stopwatch.GetTimestamp(), serialMicroseconds);
    }

    /// <summary>
    /// Until the returned scope is disposed, the calls this thread begins serve a whole step that runs
    /// on one thread (<paramref name="stepThreads"/> 1: calls that could have split on
    /// <paramref name="allowedThreads"/> are measured as one-thread samples of their class) or that
    /// tries all threads (every call that may split does, and is measured). Without it, a class that
    /// once found its extra threads slower was measured again only inside the steps that ran on all
    /// threads, and there on 1 call in 256; while the steps ran on one thread those were rare, so the
    /// step's choice and the classes' choices could hold each other at one thread after the machine
    /// changed.
    /// </summary>
    public static StepScope ForStep(int stepThreads, int allowedThreads)
    {
        var previous = (t_step, t_stepThreads);
        t_step = stepThreads > 1 ? StepMode.AllThreads : StepMode.Serial;
        t_stepThreads = allowedThreads;
        return new StepScope(previous.t_step, previous.t_stepThreads);
    }

    /// <summary>Restores the step mode that was in force before <see cref="ForStep"/>.</summary>
    public readonly struct StepScope : IDisposable
    {
        private readonly StepMode _mode;
        private readonly int _threads;

        internal StepScope(StepMode mode, int threads) => (_mode, _threads) = (mode, threads);

        public void Dispose() => (t_step, t_stepThreads) = (_mode, _threads);
    }

    internal enum StepMode
    {
        /// <summary>Each call chooses by its class's measurements.</summary>
        PerCall,

        /// <summary>A one-thread step: calls run on one thread and teach their classes.</summary>
        Serial,

        /// <summary>A step that tries all threads: every call that may split does.</summary>
        AllThreads,
    }

    [ThreadStatic]
    private static StepMode t_step;

    [ThreadStatic]
    private static int t_stepThreads;

    /// <summary>Learns from a call begun by <see cref="Begin"/>.</summary>
    public static void End(in ParallelCall call)
    {
        if (call.Bucket < 0)
        {
            return;
        }

        var micros = (Stopwatch.GetTimestamp() - call.Start) * 1e6 / Stopwatch.Frequency;
        s_stats[call.Bucket].Record(call.Threads > 1, micros / call.Estimate);
    }

    /// <summary>Forgets what was measured (tests).</summary>
    internal static void Reset()
    {
        foreach (var stats in s_stats)
        {
            stats.Clear();
        }
    }

    /// <summary>The current averages of a size class: (one thread, extra threads), NaN where unmeasured (tests, benchmarks).</summary>
    internal static (double Serial, double Parallel) Averages(WorkKind kind, double serialMicroseconds)
    {
        var stats = s_stats[Bucket(kind, serialMicroseconds)];
        return (stats.Serial, stats.Parallel);
    }

    // The size class: the kind, then log2 of the estimated one-thread microseconds.
    private static int Bucket(WorkKind kind, double serialMicroseconds) =>
        ((int)kind * SizeClasses) + Math.Clamp((int)Math.Log2(Math.Max(1.0, serialMicroseconds)), 0, SizeClasses - 1);

    private static ThreadChoice[] CreateStats()
    {
        var stats = new ThreadChoice[Enum.GetValues<WorkKind>().Length * SizeClasses];
        for (var i = 0; i < stats.Length; i++)
        {
            stats[i] = new ThreadChoice();
        }

        return stats;
    }
}
