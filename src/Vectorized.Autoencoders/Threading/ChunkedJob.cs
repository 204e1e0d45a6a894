namespace Vectorized.Autoencoders.Threading;

/// <summary>One chunk of a parallel loop: a struct that holds its buffers and does elements [start, start + length).</summary>
internal interface IChunkJob
{
    void Run(int start, int length);
}

/// <summary>One chunk of a parallel reduction: does elements [start, start + length) and returns their partial sum.</summary>
internal interface IChunkSum
{
    float Sum(int start, int length);
}

/// <summary>
/// The one parallel loop of the library: a length cut into fixed chunks (the cut depends on the
/// length only, never on the thread count), the chunks run on the <see cref="WorkerPool"/>, and for
/// a reduction each chunk's partial sum kept in its own slot and added in chunk order, so the result
/// has the same bits for one thread or many. Jobs are structs, handed to the pool through a runner
/// object cached per calling thread and job type: running one allocates nothing.
/// </summary>
internal static class ChunkedJob
{
    /// <summary>Runs <paramref name="job"/> over [0, length) in chunks of <paramref name="chunk"/> on up to <paramref name="threads"/> threads.</summary>
    public static void Run<TJob>(in TJob job, int length, int chunk, int threads)
        where TJob : struct, IChunkJob
    {
        var runner = Runner<TJob>.ForThisThread;
        (runner.Job, runner.Length, runner.Chunk) = (job, length, chunk);
        try
        {
            WorkerPool.Run(runner, FixedChunks.Count(length, chunk), threads);
        }
        finally
        {
            // Drop the job's references so the runner does not keep a finished model alive.
            runner.Job = default;
        }
    }

    /// <summary>
    /// An element-wise loop over [0, length) on up to <paramref name="maxThreads"/> threads, as many
    /// as its length pays for and <see cref="AdaptiveThreads"/> finds faster.
    /// </summary>
    public static void RunElementWise<TJob>(in TJob job, int length, int chunk, int maxThreads)
        where TJob : struct, IChunkJob =>
        RunElementWise(job, length, chunk, maxThreads, FixedChunks.Microseconds(length));

    /// <summary>
    /// As above for a loop whose [0, length) counts rows or planes rather than elements: its one-thread
    /// cost, <paramref name="microseconds"/>, is what decides the threads.
    /// </summary>
    public static void RunElementWise<TJob>(in TJob job, int length, int chunk, int maxThreads, double microseconds)
        where TJob : struct, IChunkJob
    {
        var call = AdaptiveThreads.Begin(WorkKind.ElementWise, microseconds, maxThreads);
        Run(job, length, chunk, call.Threads);
        AdaptiveThreads.End(call);
    }

    /// <summary>As <see cref="RunElementWise{TJob}(in TJob, int, int, int)"/>, for a reduction: see <see cref="Sum"/>.</summary>
    public static double SumElementWise<TJob>(in TJob job, int length, int chunk, int maxThreads)
        where TJob : struct, IChunkSum
    {
        var call = AdaptiveThreads.Begin(WorkKind.ElementWise, FixedChunks.Microseconds(length), maxThreads);
        var sum = Sum(job, length, chunk, call.Threads);
        AdaptiveThreads.End(call);
        return sum;
    }

    /// <summary>The sum of <paramref name="job"/>'s partial sums over [0, length), added in chunk order (in double).</summary>
    public static double Sum<TJob>(in TJob job, int length, int chunk, int threads)
        where TJob : struct, IChunkSum
    {
        var runner = SumRunner<TJob>.ForThisThread;
        var chunks = FixedChunks.Count(length, chunk);
        if (runner.Partials.Length < chunks)
        {
            runner.Partials = new float[chunks];
        }

        (runner.Job, runner.Length, runner.Chunk) = (job, length, chunk);
        try
        {
            WorkerPool.Run(runner, chunks, threads);
        }
        finally
        {
            runner.Job = default;
        }

        var sum = 0.0;
        for (var c = 0; c < chunks; c++)
        {
            sum += runner.Partials[c];
        }

        return sum;
    }

    private sealed class Runner<TJob> : IParallelJob
        where TJob : struct, IChunkJob
    {
        [ThreadStatic]
        private static Runner<TJob>? t_runner;

        public TJob Job;
        public int Length, Chunk;

        public static Runner<TJob> ForThisThread => t_runner ??= new Runner<TJob>();

        public void RunPart(int part)
        {
            var (start, length) = FixedChunks.Range(part, Length, Chunk);
            Job.Run(start, length);
        }
    }

    private sealed class SumRunner<TJob> : IParallelJob
        where TJob : struct, IChunkSum
    {
        [ThreadStatic]
        private static SumRunner<TJob>? t_runner;

        public TJob Job;
        public int Length, Chunk;
        public float[] Partials = [];

        public static SumRunner<TJob> ForThisThread => t_runner ??= new SumRunner<TJob>();

        public void RunPart(int part)
        {
            var (start, length) = FixedChunks.Range(part, Length, Chunk);
            Partials[part] = Job.Sum(start, length);
        }
    }
}
