using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Losses;

/// <summary>
/// Binary cross-entropy from the logits without Keras' clip: max(z, 0) - t z + log(1 + e^-|z|), gradient
/// sigmoid(z) - t everywhere. PyTorch's binary_cross_entropy only clamps the log at -100, so a pixel
/// far beyond Keras' logit limit keeps learning there; the VAE of PyTorch's examples relies on that.
/// Fixed chunks summed in order, as <see cref="ParallelBinaryCrossEntropy"/>: the same bits for any thread count.
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
        public float Sum(int start, int length)
        {
            var sum = 0f;
            for (var i = start; i < start + length; i++)
            {
                var zi = z[i];
                var e = MathF.Exp(-MathF.Abs(zi));
                sum += MathF.Max(zi, 0f) - (zi * t[i]) + float.LogP1(e);
                if (dz is not null)
                {
                    // sigmoid(z) from the same e^-|z|, without overflow for either sign.
                    var sigmoid = zi >= 0f ? 1f / (1f + e) : e / (1f + e);
                    dz[i] += scale * (sigmoid - t[i]);
                }
            }

            return sum;
        }
    }
}
