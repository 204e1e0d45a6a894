using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// <see cref="BinaryCrossEntropy"/> over a whole batch on the worker pool. The batch is cut into
/// fixed chunks whatever the thread count, each chunk's loss sum is kept in its own slot, and the
/// slots are added in chunk order: the loss has the same bits for 1 thread or many. The gradient is
/// element-wise and never depends on the cut.
/// </summary>
internal static class ParallelBinaryCrossEntropy
{
    // 4 Ki elements: a few microseconds of exponentials and logarithms per chunk.
    private const int Chunk = 4096;

    [ThreadStatic]
    private static BceJob? t_job;

    /// <summary>The mean loss over the first <paramref name="n"/> elements; writes d(mean)/dz into dz.</summary>
    // z, t, dz: [>= n]
    public static double ForwardBackward(float[] z, float[] t, float[] dz, int n, int threads) => Run(z, t, dz, n, threads);

    /// <summary>The mean loss over the first <paramref name="n"/> elements (no gradient).</summary>
    // z, t: [>= n]
    public static double Mean(float[] z, float[] t, int n, int threads) => Run(z, t, null, n, threads);

    private static double Run(float[] z, float[] t, float[]? dz, int n, int threads)
    {
        if (n < 1 || n > z.Length || n > t.Length || (dz is not null && n > dz.Length))
        {
            throw new ArgumentException($"Binary cross-entropy over {n} elements of buffers of {z.Length}, {t.Length} and {dz?.Length} elements.", nameof(n));
        }

        var job = t_job ??= new BceJob();
        var chunks = FixedChunks.Count(n, Chunk);
        if (job.Sums.Length < chunks)
        {
            job.Sums = new float[chunks];
        }

        (job.Z, job.T, job.Dz, job.N, job.Scale) = (z, t, dz, n, 1f / n);
        // With one thread the pool runs the chunks in order on this thread.
        WorkerPool.Run(job, chunks, FixedChunks.Threads(n, threads));

        var sum = 0.0;
        for (var c = 0; c < chunks; c++)
        {
            sum += job.Sums[c];
        }

        (job.Z, job.T, job.Dz) = ([], [], null);
        return sum / n;
    }

    private sealed class BceJob : IParallelJob
    {
        public float[] Z = [], T = [], Sums = [];
        public float[]? Dz;
        public int N;
        public float Scale;

        public void RunPart(int part)
        {
            var (start, length) = FixedChunks.Range(part, N, Chunk);
            Sums[part] = BinaryCrossEntropyKernel.Sum(
                Z.AsSpan(start, length), T.AsSpan(start, length),
                Dz is null ? [] : Dz.AsSpan(start, length), Dz is not null, Scale);
        }
    }
}
