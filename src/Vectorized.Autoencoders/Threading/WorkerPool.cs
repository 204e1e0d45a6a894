using System.Diagnostics;

namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// A small pool of persistent worker threads for the fine-grained parallel loops of a training
/// step (a batch-32 layer's GEMM takes tens of microseconds; Parallel.For's scheduling and
/// allocations cost about as much).
/// <para>
/// The rule that makes a second thread never lose: the caller never waits for a thread that has
/// not started. A job is published under a generation number; every thread, the caller included,
/// claims parts one at a time, and the caller waits only for parts that some thread has claimed and
/// not yet finished. A worker that the OS wakes late (a parked vCPU takes tens of microseconds to
/// milliseconds on a shared machine, measured in bench/results/threads-2026-12-02.md) finds the parts
/// taken and goes back to waiting; the caller has already done its share and the worker's.
/// </para>
/// <para>
/// Claims go through one 64-bit word, (generation, next part), changed only by compare-exchange, so
/// a late worker can never claim a part of a job it did not read: between two jobs the word is
/// closed (next part = <see cref="Closed"/>) while the caller writes the new job, and a claim
/// succeeds only if the word is unchanged since the worker read the job.
/// </para>
/// <para>
/// Workers spin (a pause loop, no yield) for <see cref="SpinMicroseconds"/> after their last part,
/// then block. One job runs at a time: a second caller waits for the pool. A call made from inside
/// a job runs every part itself.
/// </para>
/// </summary>
internal static class WorkerPool
{
    /// <summary>
    /// How long an idle worker spins before it blocks: past the short serial gaps between the calls of
    /// a training step, but no longer. When the two vCPUs share a physical core (it happens on these
    /// machines, see AdaptiveThreads), a spinning worker takes issue slots from the caller: a 2 ms spin
    /// after every call cost 4-16% of a one-thread-speed step, measured.
    /// </summary>
    public const int SpinMicroseconds = 100;

    private const int Closed = int.MaxValue;

    private static readonly Worker[] s_workers = CreateWorkers(Math.Max(0, Environment.ProcessorCount - 1));
    private static readonly Lock s_gate = new();
    private static readonly long s_spinTicks = SpinMicroseconds * Stopwatch.Frequency / 1_000_000;

    // (generation << 32) | next part to claim.
    private static long s_claim = Closed;
    private static IParallelJob? s_job;
    private static int s_parts;
    private static int s_helpers;
    private static int s_finished;
    private static Exception? s_error;

    [ThreadStatic]
    private static bool t_isWorker;

    [ThreadStatic]
    private static bool t_holdsPool;

    /// <summary>The pool's threads besides the caller's.</summary>
    public static int WorkerCount => s_workers.Length;

    /// <summary>True on a thread that is running a job's part: a call from here runs inline.</summary>
    public static bool IsInsideJob => t_isWorker || t_holdsPool;

    /// <summary>
    /// Runs parts 0 .. <paramref name="parts"/>-1 on up to <paramref name="threads"/> threads, the
    /// caller included; returns when all are done. Which thread runs which part is not fixed.
    /// </summary>
    public static void Run(IParallelJob job, int parts, int threads)
    {
        var helpers = Math.Min(Math.Min(threads, parts) - 1, s_workers.Length);
        if (helpers <= 0 || IsInsideJob)
        {
            for (var p = 0; p < parts; p++)
            {
                job.RunPart(p);
            }

            return;
        }

        s_gate.Enter();
        t_holdsPool = true;
        try
        {
            var generation = Publish(job, parts, helpers);
            for (var w = 0; w < helpers; w++)
            {
                s_workers[w].Wake();
            }

            ClaimAndRun(generation, worker: -1);
            var spin = new SpinWait();
            while (Volatile.Read(ref s_finished) != parts)
            {
                spin.SpinOnce(sleep1Threshold: -1);
            }

            if (s_error is { } error)
            {
                s_error = null;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }
        finally
        {
            Interlocked.Exchange(ref s_claim, (s_claim & ~(long)uint.MaxValue) | Closed);
            s_job = null;
            t_holdsPool = false;
            s_gate.Exit();
        }
    }

    /// <summary>
    /// Bytes the pool's threads have allocated, as each last saw it after a part: with the calling
    /// thread's own count, what a piece of work allocated on every thread it ran on, and nothing of
    /// other threads in the process (a test runner's, for one).
    /// </summary>
    internal static long WorkerAllocatedBytes()
    {
        long sum = 0;
        foreach (var worker in s_workers)
        {
            sum += Volatile.Read(ref worker.AllocatedBytes);
        }

        return sum;
    }

    // The word is closed (the previous job's Run ended with it so): write the job, then open it
    // under the next generation. Returns that generation.
    private static int Publish(IParallelJob job, int parts, int helpers)
    {
        var generation = (int)(Volatile.Read(ref s_claim) >> 32) + 1;
        s_job = job;
        s_parts = parts;
        s_helpers = helpers;
        s_finished = 0;
        Interlocked.Exchange(ref s_claim, (long)generation << 32);
        return generation;
    }

    // Claims and runs parts of job `generation` until none is left. A worker (index >= 0) takes
    // part only if the job asked for that many helpers.
    private static void ClaimAndRun(int generation, int worker)
    {
        while (true)
        {
            var claim = Volatile.Read(ref s_claim);
            if ((int)(claim >> 32) != generation)
            {
                return;
            }

            var job = Volatile.Read(ref s_job);
            var parts = Volatile.Read(ref s_parts);
            var part = (int)claim;
            if (part >= parts || worker >= Volatile.Read(ref s_helpers))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref s_claim, claim + 1, claim) != claim)
            {
                continue;
            }

            RunClaimed(job!, part, worker);
        }
    }

    // A part that throws records the first exception; later parts are skipped but still counted,
    // so the caller's wait ends.
    private static void RunClaimed(IParallelJob job, int part, int worker)
    {
        try
        {
            if (Volatile.Read(ref s_error) is null)
            {
                job.RunPart(part);
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref s_error, e, null);
        }
        finally
        {
            if (worker >= 0)
            {
                // Published before the part counts as finished, so the caller sees it when Run returns.
                Volatile.Write(ref s_workers[worker].AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
            }

            Interlocked.Increment(ref s_finished);
        }
    }

    private static Worker[] CreateWorkers(int count)
    {
        var workers = new Worker[count];
        for (var i = 0; i < count; i++)
        {
            workers[i] = new Worker(i);
        }

        return workers;
    }

    private sealed class Worker
    {
        public long AllocatedBytes;

        private readonly int _index;
        private readonly ManualResetEventSlim _wake = new(false, 0);
        private int _sleeping;

        public Worker(int index)
        {
            _index = index;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"vecae worker {index + 1}" };
            thread.Start();
        }

        /// <summary>Called after a job is published: a blocked worker needs its event set; a spinning one sees the generation.</summary>
        public void Wake()
        {
            // The exchange in Publish and the one in Sleep are full fences: either this read sees the
            // worker asleep, or the worker's re-check sees the new generation.
            if (Volatile.Read(ref _sleeping) != 0)
            {
                _wake.Set();
            }
        }

        private void Loop()
        {
            t_isWorker = true;
            // A ManualResetEventSlim creates its lock object the first time a waiter has to block:
            // block once now (1 ms timeout), so that allocation never falls inside a training step.
            _wake.Wait(1);
            var seen = 0;
            while (true)
            {
                var generation = AwaitJob(seen);
                seen = generation;
                ClaimAndRun(generation, _index);
            }
        }

        // Spins until a generation after `seen` is published, or blocks once the spin time is over.
        private int AwaitJob(int seen)
        {
            var start = Stopwatch.GetTimestamp();
            while (true)
            {
                var generation = (int)(Volatile.Read(ref s_claim) >> 32);
                if (generation != seen)
                {
                    return generation;
                }

                if (Stopwatch.GetTimestamp() - start < s_spinTicks)
                {
                    Thread.SpinWait(16);
                    continue;
                }

                Sleep(seen);
                start = Stopwatch.GetTimestamp();
            }
        }

        private void Sleep(int seen)
        {
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if ((int)(Volatile.Read(ref s_claim) >> 32) == seen)
            {
                _wake.Wait();
            }

            Volatile.Write(ref _sleeping, 0);
        }
    }
}
