using System.Diagnostics;

namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// How many threads a parallel call should use, from the size of its work and what it costs on
/// this machine for a second thread to join one. The cost is measured once per process, the first
/// time a call could use a helper: a few empty jobs whose two parts each wait for the other, timed
/// from the publish to the helper's start (the median, in microseconds). A helper is worth taking
/// only for a share of work several times that long; below it, the calling thread alone is faster.
/// Only who runs the parts depends on this, never how the work is cut, so results keep their bits.
/// </summary>
internal static class ParallelPolicy
{
    /// <summary>No helper for a share of work shorter than this, however fast the join (the claim and cache traffic).</summary>
    public const double MinShareFloorMicroseconds = 8.0;

    /// <summary>A helper's share must be this many times the measured join time.</summary>
    public const double JoinCostFactor = 4.0;

    // The calibration waits at most this long for the helper: a machine where it takes longer gets
    // no helper for anything shorter than a few milliseconds, which is the right answer there.
    private const double CalibrationTimeoutMicroseconds = 2000.0;
    private const int CalibrationRounds = 9;

    private static double s_joinMicroseconds = double.NaN;

    /// <summary>
    /// Every call takes all the threads it is allowed, whatever its size (<c>VECAE_PARALLEL=always</c>):
    /// the test suite runs so, so that the same-bits tests exercise the parallel paths on any machine.
    /// </summary>
    internal static bool SplitAlways { get; set; } =
        string.Equals(Environment.GetEnvironmentVariable("VECAE_PARALLEL"), "always", StringComparison.OrdinalIgnoreCase);

    /// <summary>The measured time for a second thread to start on a published job, in microseconds (measured on first use).</summary>
    public static double JoinMicroseconds
    {
        get
        {
            if (WorkerPool.IsInsideJob)
            {
                // A call from inside a job runs inline anyway, and could not measure a join.
                return double.PositiveInfinity;
            }

            if (double.IsNaN(Volatile.Read(ref s_joinMicroseconds)))
            {
                Volatile.Write(ref s_joinMicroseconds, WorkerPool.WorkerCount == 0 ? double.PositiveInfinity : Calibrate());
            }

            return s_joinMicroseconds;
        }
    }

    /// <summary>The smallest share of work, in microseconds of one thread, that pays for one more thread.</summary>
    public static double MinShareMicroseconds => Math.Max(MinShareFloorMicroseconds, JoinCostFactor * JoinMicroseconds);

    /// <summary>
    /// Threads for work that takes about <paramref name="serialMicroseconds"/> on one thread: at most
    /// <paramref name="maxThreads"/>, and no more than shares of <see cref="MinShareMicroseconds"/> allow.
    /// </summary>
    public static int Threads(double serialMicroseconds, int maxThreads)
    {
        if (maxThreads <= 1 || WorkerPool.IsInsideJob)
        {
            // A call from inside a job runs inline whatever it asks for.
            return 1;
        }

        if (SplitAlways)
        {
            return maxThreads;
        }

        if (serialMicroseconds < 2 * MinShareFloorMicroseconds)
        {
            return 1;
        }

        return (int)Math.Clamp(serialMicroseconds / MinShareMicroseconds, 1, maxThreads);
    }

    private static double Calibrate()
    {
        var job = new JoinProbe();
        var samples = new double[CalibrationRounds];
        for (var r = 0; r < samples.Length; r++)
        {
            job.Reset();
            WorkerPool.Run(job, 2, 2);
            samples[r] = job.JoinMicroseconds;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    /// <summary>Two parts: a helper's part records when it started; the caller's part waits (bounded) for that.</summary>
    private sealed class JoinProbe : IParallelJob
    {
        private static readonly long s_timeoutTicks = (long)(CalibrationTimeoutMicroseconds * Stopwatch.Frequency / 1e6);
        private long _published;
        private long _joined;
        private int _caller;

        public double JoinMicroseconds => (_joined - _published) * 1e6 / Stopwatch.Frequency;

        public void Reset()
        {
            _joined = 0;
            _caller = Environment.CurrentManagedThreadId;
            _published = Stopwatch.GetTimestamp();
        }

        public void RunPart(int part)
        {
            if (Environment.CurrentManagedThreadId != _caller)
            {
                Volatile.Write(ref _joined, Stopwatch.GetTimestamp());
                return;
            }

            // If the helper never comes, the caller runs both parts and the join cost is the timeout.
            while (Volatile.Read(ref _joined) == 0)
            {
                if (Stopwatch.GetTimestamp() - _published > s_timeoutTicks)
                {
                    Interlocked.CompareExchange(ref _joined, _published + s_timeoutTicks, 0);
                    return;
                }

                Thread.SpinWait(8);
            }
        }
    }
}
