namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// One thread or several, chosen by what was measured: moving averages of the cost of work done
/// each way (per unit the caller defines), the extra threads kept only while they are ahead by more
/// than 3%, the other choice tried now and then so that a change of the machine is noticed. Used per
/// size class of parallel call (<see cref="AdaptiveThreads"/>) and per training step (the Trainer),
/// which also sees what a call's time cannot: a spinning worker or moved cache lines slowing the
/// serial work after it.
/// </summary>
internal sealed class ThreadChoice
{
    /// <summary>The extra threads must be at least this much faster to be kept.</summary>
    public const double RequiredGain = 0.97;

    // The averages follow the mean cost, moving alike for a faster and a slower sample: an average
    // that believed fast samples more (it once moved 0.5 down and 0.2 up) settles below the mean by a
    // share of the spread, so it favoured the noisier choice, and two threads, whose join time
    // varies most, were kept on 32-row products 10-15% slower than one thread (tools/bench-threads.sh,
    // 2026-12-02 10:47). Only the first samples of a choice keep their minimum: the first call carries
    // the JIT's compilation (measured: it held a step choice for hundreds of steps).
    private const double Smoothing = 0.2;
    private const int WarmUpSamples = 2;

    // A sample more than this many times the average is a stall (a descheduled vCPU), not a trend:
    // it moves the average as a sample of this many times the average would.
    private const double StallFactor = 2.0;

    private int _serialSamples;
    private int _parallelSamples;
    private int _calls;

    /// <summary>The moving average of one thread's cost (NaN until measured).</summary>
    public double Serial { get; private set; } = double.NaN;

    /// <summary>The moving average of the extra threads' cost (NaN until measured).</summary>
    public double Parallel { get; private set; } = double.NaN;

    /// <summary>Whether the extra threads are measured and ahead by more than 3% (false until both are measured).</summary>
    public bool PrefersParallel => Parallel < RequiredGain * Serial;

    /// <summary>1 or <paramref name="threads"/>: each is measured first, then the better, and one time in <paramref name="exploreEvery"/> the other.</summary>
    public int Choose(int threads, int exploreEvery)
    {
        // Updated without locks: a lost update between two racing callers costs one sample, nothing more.
        var calls = ++_calls;
        if (ParallelPolicy.SplitAlways)
        {
            return threads;
        }

        if (threads <= 1 || double.IsNaN(Serial))
        {
            return 1;
        }

        if (double.IsNaN(Parallel))
        {
            return threads;
        }

        var parallelAhead = PrefersParallel;
        var explore = calls % exploreEvery == 0;
        return parallelAhead != explore ? threads : 1;
    }

    /// <summary>Adds a measured cost of work done on one thread (<paramref name="parallel"/> false) or on several.</summary>
    public void Record(bool parallel, double cost)
    {
        var average = parallel ? Parallel : Serial;
        var samples = parallel ? _parallelSamples++ : _serialSamples++;
        average = double.IsNaN(average) ? cost
            : samples < WarmUpSamples ? Math.Min(average, cost)
            : average + (Smoothing * (Math.Min(cost, StallFactor * average) - average));
        if (parallel)
        {
            Parallel = average;
        }
        else
        {
            Serial = average;
        }
    }

    public void Clear()
    {
        Serial = Parallel = double.NaN;
        _calls = _serialSamples = _parallelSamples = 0;
    }
}
