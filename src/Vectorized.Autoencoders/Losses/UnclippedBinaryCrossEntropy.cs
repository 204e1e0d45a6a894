using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// Binary cross-entropy from the logits without Keras' clip: max(z, 0) - t z + log(1 + e^-|z|), gradient
/// sigmoid(z) - t everywhere. PyTorch's binary_cross_entropy only clamps the log at -100, so a pixel
/// far beyond Keras' logit limit keeps learning there; the VAE of PyTorch's examples relies on that.
/// Fixed chunks summed in order, as <see cref="ParallelBinaryCrossEntropy"/>: the same bits for any thread count;
/// each chunk is <see cref="UnclippedBinaryCrossEntropyKernel"/>'s, the same bits on every SIMD path.
/// </summary>
internal static class UnclippedBinaryCrossEntropy
{
    private const int Chunk = 4096;

    /// <summary>The sum of the losses over the first <paramref name="n"/> elements; ADDS gradientScale (sigmoid(z) - t) to dz.</summary>
    // z, t, dz: [>= n]
    public static double SumForwardBackward(float[] z, float[] t, int n, float gradientScale, int threads, float[] dz) =>
        ChunkedJob.SumElementWise(new Chunked(z, t, gradientScale, dz), n, Chunk, threads);

    /// <summary>The sum of the losses over the first <paramref name="n"/> elements.</summary>
    // z, t: [>= n]
    public static double Sum(float[] z, float[] t, int n, int threads) =>
        ChunkedJob.SumElementWise(new Chunked(z, t, 0f, null), n, Chunk, threads);

    private readonly struct Chunked(float[] z, float[] t, float scale, float[]? dz) : IChunkSum
    {
        public float Sum(int start, int length) => dz is null
            ? UnclippedBinaryCrossEntropyKernel.Sum(z.AsSpan(start, length), t.AsSpan(start, length), IsaSelector.Current)
            : UnclippedBinaryCrossEntropyKernel.SumAccumulatingGradient(z.AsSpan(start, length), t.AsSpan(start, length), scale, dz.AsSpan(start, length), IsaSelector.Current);
    }
}
