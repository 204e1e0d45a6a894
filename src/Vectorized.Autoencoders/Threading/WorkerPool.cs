namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// A small pool of persistent worker threads for the fine-grained parallel loops of a training
/// step (a batch-32 layer's GEMM takes tens of microseconds; Parallel.For's scheduling and
/// allocations cost about as much). Workers spin briefly, then sleep, between jobs; the calling
/// thread always takes parts too. One job runs at a time: a second caller waits for the pool
/// rather than silently running its job on one thread. A call made from inside a job (a pool
/// thread, or the caller while it runs parts) runs every part itself: the pool is taken, and
/// parts write disjoint outputs, so the result is the same.
/// </summary>
internal static class WorkerPool
{
    // How long an idle worker spins before it blocks: long enough to bridge the element-wise
    // work between two GEMMs of a training step, short enough not to burn a core when idle.
    // (ManualResetEventSlim's maximum spin count.)
    private const int SpinIterations = 2047;

    private static readonly Worker[] s_workers = CreateWorkers(Math.Max(0, Environment.ProcessorCount - 1));
    private static readonly Lock s_gate = new();
    private static IParallelJob? s_job;
    private static int s_parts;
    private static int s_nextPart;
    private static int s_pendingWorkers;
    private static Exception? s_error;

    [ThreadStatic]
    private static bool t_isWorker;

    [ThreadStatic]
    private static bool t_holdsPool;

    /// <summary>Runs parts 0 .. <paramref name="parts"/>-1 on up to <paramref name="threads"/> threads, the caller included; returns when all are done.</summary>
    public static void Run(IParallelJob job, int parts, int threads)
    {
        var helpers = Math.Min(Math.Min(threads, parts) - 1, s_workers.Length);
        if (helpers <= 0 || t_isWorker || t_holdsPool)
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
            s_job = job;
            s_parts = parts;
            s_nextPart = 0;
            Volatile.Write(ref s_pendingWorkers, helpers);
            for (var w = 0; w < helpers; w++)
            {
                s_workers[w].Start.Set();
            }

            RunPartsCatching();
            var spin = new SpinWait();
            while (Volatile.Read(ref s_pendingWorkers) != 0)
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
            s_job = null;
            t_holdsPool = false;
            s_gate.Exit();
        }
    }

    // A part that throws stops this thread's share; the first exception reaches the caller.
    private static void RunPartsCatching()
    {
        try
        {
            RunParts();
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref s_error, e, null);
            // No more parts for anyone: the job has failed.
            Volatile.Write(ref s_nextPart, int.MaxValue / 2);
        }
    }

    // Claims parts until none is left; which thread runs which part does not matter.
    private static void RunParts()
    {
        var job = s_job!;
        int part;
        while ((part = Interlocked.Increment(ref s_nextPart) - 1) < s_parts)
        {
            job.RunPart(part);
        }
    }

    /// <summary>
    /// Bytes the pool's threads have allocated, as each last saw it at the end of a job: with the
    /// calling thread's own count, what a piece of work allocated on every thread it ran on, and
    /// nothing of other threads in the process (a test runner's, for one).
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
        public readonly ManualResetEventSlim Start = new(false, SpinIterations);
        public long AllocatedBytes;

        public Worker(int index)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"vecae worker {index + 1}" };
            thread.Start();
        }

        private void Loop()
        {
            t_isWorker = true;
            // A ManualResetEventSlim creates its lock object the first time a waiter has to block:
            // block once now (1 ms timeout), so that allocation never falls inside a training step.
            Start.Wait(1);
            while (true)
            {
                Start.Wait();
                Start.Reset();
                RunPartsCatching();
                // Published before the job counts as done, so the caller sees it when Run returns.
                Volatile.Write(ref AllocatedBytes, GC.GetAllocatedBytesForCurrentThread());
                Interlocked.Decrement(ref s_pendingWorkers);
            }
        }
    }
}
