using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Training;

/// <summary>
/// Whether every gradient is finite, checked before the optimizer touches the parameters so that a
/// NaN or an infinity never reaches the weights. A chunk whose sum is finite holds no NaN and no
/// infinity (either would make the sum non-finite), and a double sum of finite floats is finite;
/// chunks are fixed, so the answer does not depend on the thread count.
/// <para>
/// The chunks are read from the end of the buffer to its start: Adam then walks from the start and
/// finds the gradients this pass read last still in the cache, instead of reading them again from
/// the next level (the buffer, 872 KB for the deep model, is about the size of a Zen 5 L2).
/// </para>
/// </summary>
internal static class FiniteGradients
{
    private const int Chunk = 16384;

    // gradients: [parameterCount]
    public static bool AllFinite(float[] gradients, int threads) =>
        double.IsFinite(ChunkedJob.SumElementWise(new SumChunk(gradients), gradients.Length, Chunk, threads));

    // Chunk [start, start + length) of the job is [n - start - length, n - start) of the buffer.
    private readonly struct SumChunk(float[] values) : IChunkSum
    {
        public float Sum(int start, int length) => Reductions.Sum(values.AsSpan(values.Length - start - length, length));
    }
}
