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

    // Noise on these machines only ever adds time (a stall, a cold cache, the first call's JIT), so a
    // sample below the average is believed faster than one above it: otherwise one slow first sample
    // held a choice for hundreds of steps (measured: the first, JIT-compiled step on one thread).
    private const double SmoothingDown = 0.5;
    private const double SmoothingUp = 0.2;

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
        // A sample far above the average is a stall (a descheduled vCPU), not a trend: it moves the
        // average at most as far as four times the average would.
        average = double.IsNaN(average) ? cost
            : cost < average ? average + (SmoothingDown * (cost - average))
            : average + (SmoothingUp * (Math.Min(cost, 4 * average) - average));
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
        _calls = 0;
    }
}
