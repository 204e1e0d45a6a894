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

    /// <summary>The mean loss over the first <paramref name="n"/> elements; ADDS d(mean)/dz to dz.</summary>
    // z, t, dz: [>= n]
    public static double ForwardBackward(float[] z, float[] t, float[] dz, int n, int threads)
    {
        Check(z, t, dz, n);
        return ChunkedJob.SumElementWise(new LossAndGradientChunk(z, t, 1f / n, dz), n, Chunk, threads) / n;
    }

    /// <summary>The mean loss over the first <paramref name="n"/> elements (no gradient).</summary>
    // z, t: [>= n]
    public static double Mean(float[] z, float[] t, int n, int threads)
    {
        Check(z, t, null, n);
        return ChunkedJob.SumElementWise(new LossChunk(z, t), n, Chunk, threads) / n;
    }

    private static void Check(float[] z, float[] t, float[]? dz, int n)
    {
        if (n < 1 || n > z.Length || n > t.Length || (dz is not null && n > dz.Length))
        {
            throw new ArgumentException($"Binary cross-entropy over {n} elements of buffers of {z.Length}, {t.Length} and {dz?.Length} elements.", nameof(n));
        }
    }

    private readonly struct LossChunk(float[] z, float[] t) : IChunkSum
    {
        public float Sum(int start, int length) =>
            BinaryCrossEntropyKernel.LossSum(z.AsSpan(start, length), t.AsSpan(start, length));
    }

    private readonly struct LossAndGradientChunk(float[] z, float[] t, float scale, float[] dz) : IChunkSum
    {
        public float Sum(int start, int length) =>
            BinaryCrossEntropyKernel.SumAccumulatingGradient(z.AsSpan(start, length), t.AsSpan(start, length), scale, dz.AsSpan(start, length));
    }
}
