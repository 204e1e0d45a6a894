using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Data;

/// <summary>
/// The denoising autoencoder's corruption: x + std * N(0, 1), clipped to [0, 1]. Like the article,
/// which draws the noisy training set once, a sample's noise is FIXED across epochs: it comes from a
/// stream seeded by (seed, sample index), so nothing needs storing and any batch order gives the same
/// noisy sample.
/// </summary>
public static class GaussianNoise
{
    /// <summary>The noise stream's seed for a run's seed: distinct from the shuffle's, so the two never correlate.</summary>
    public static ulong SeedFor(int seed) => (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ 0x4E4F495345303031UL;

    // clean: [n], noisy: [n] (may alias clean)
    public static void Apply(ReadOnlySpan<float> clean, float std, ulong seed, int sampleIndex, Span<float> noisy)
    {
        var state = seed ^ ((ulong)(uint)sampleIndex * 0xD1B54A32D192ED03UL);
        var rng = new Xoshiro256(Xoshiro256.SplitMix64(ref state));
        var i = 0;
        // Box-Muller gives two independent normals per pair of uniforms: use both.
        for (; i + 1 < clean.Length; i += 2)
        {
            var u1 = 1.0 - rng.NextDouble();
            var u2 = rng.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
            noisy[i] = Math.Clamp(clean[i] + std * (float)(radius * cos), 0f, 1f);
            noisy[i + 1] = Math.Clamp(clean[i + 1] + std * (float)(radius * sin), 0f, 1f);
        }

        if (i < clean.Length)
        {
            noisy[i] = Math.Clamp(clean[i] + std * (float)rng.NextGaussian(), 0f, 1f);
        }
    }

    /// <summary>
    /// <see cref="ApplyBatch"/> with the rows spread over the worker pool: each row's noise comes
    /// from its own sample's stream, so the split changes nothing. Box-Muller in double is about
    /// 15 us a row, more than the rest of a batch-32 training step.
    /// </summary>
    // indices: [>= rows], clean: [rows, sampleSize], noisy: [rows, sampleSize] (may be clean)
    internal static void ApplyBatchInParallel(int[] indices, float[] clean, int rows, int sampleSize, float std, ulong seed, float[] noisy, int threads)
    {
        ChunkedJob.RunElementWise(new NoiseRows(indices, clean, sampleSize, std, seed, noisy), rows, 1, threads, rows * RowMicroseconds * sampleSize / 784.0);
    }

    // One 784-pixel row's noise on one thread (measured, see the summary above).
    private const double RowMicroseconds = 15.0;

    private readonly struct NoiseRows(int[] indices, float[] clean, int sampleSize, float std, ulong seed, float[] noisy) : IChunkJob
    {
        public void Run(int start, int length)
        {
            for (var r = start; r < start + length; r++)
            {
                Apply(clean.AsSpan(r * sampleSize, sampleSize), std, seed, indices[r], noisy.AsSpan(r * sampleSize, sampleSize));
            }
        }
    }

    /// <summary>Corrupts consecutive rows; row r is sample <c>indices[r]</c>.</summary>
    // indices: [n], clean: [n, sampleSize], noisy: [n, sampleSize]
    public static void ApplyBatch(ReadOnlySpan<int> indices, ReadOnlySpan<float> clean, int sampleSize, float std, ulong seed, Span<float> noisy)
    {
        for (var r = 0; r < indices.Length; r++)
        {
            Apply(clean.Slice(r * sampleSize, sampleSize), std, seed, indices[r], noisy.Slice(r * sampleSize, sampleSize));
        }
    }
}
