using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Training;

/// <summary>
/// Whether every gradient is finite, checked before the optimizer touches the parameters so that a
/// NaN or an infinity never reaches the weights. A chunk whose sum is finite holds no NaN and no
/// infinity (either would make the sum non-finite); chunks are fixed, so the answer does not depend
/// on the thread count. On the worker pool, since serially it is a measurable part of a small step.
/// </summary>
internal static class GradientCheck
{
    private const int Chunk = 16384;

    [ThreadStatic]
    private static FiniteJob? t_job;

    // gradients: [parameterCount]
    public static bool AllFinite(float[] gradients, int threads)
    {
        var chunks = FixedChunks.Count(gradients.Length, Chunk);
        var job = t_job ??= new FiniteJob();
        job.Gradients = gradients;
        job.NonFinite = 0;
        WorkerPool.Run(job, chunks, FixedChunks.Threads(gradients.Length, threads));

        job.Gradients = [];
        return job.NonFinite == 0;
    }

    private sealed class FiniteJob : IParallelJob
    {
        public float[] Gradients = [];
        public int NonFinite;

        public void RunPart(int part)
        {
            var (start, length) = FixedChunks.Range(part, Gradients.Length, Chunk);
            if (!float.IsFinite(Reductions.Sum(Gradients.AsSpan(start, length))))
            {
                Volatile.Write(ref NonFinite, 1);
            }
        }
    }
}
