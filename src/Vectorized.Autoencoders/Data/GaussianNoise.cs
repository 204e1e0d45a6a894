using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Simd;
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

    // Pairs drawn, then transformed together on vectors: a 784-pixel row in seven blocks.
    private const int PairsPerBlock = 64;

    // clean: [n], noisy: [n] (may alias clean)
    public static void Apply(ReadOnlySpan<float> clean, float std, ulong seed, int sampleIndex, Span<float> noisy)
    {
        var state = seed ^ ((ulong)(uint)sampleIndex * 0xD1B54A32D192ED03UL);
        var rng = new Xoshiro256(Xoshiro256.SplitMix64(ref state));
        Span<double> u1 = stackalloc double[PairsPerBlock];
        Span<double> u2 = stackalloc double[PairsPerBlock];
        Span<double> cosSide = stackalloc double[PairsPerBlock];
        Span<double> sinSide = stackalloc double[PairsPerBlock];
        var pairs = clean.Length / 2;
        // Box-Muller gives two independent normals per pair of uniforms: use both.
        for (var first = 0; first < pairs; first += PairsPerBlock)
        {
            var count = Math.Min(PairsPerBlock, pairs - first);
            for (var p = 0; p < count; p++)
            {
                u1[p] = 1.0 - rng.NextDouble();
                u2[p] = rng.NextDouble();
            }

            BoxMuller.Transform(u1[..count], u2[..count], cosSide, sinSide);
            AddClipped(clean.Slice(2 * first, 2 * count), std, cosSide, sinSide, noisy.Slice(2 * first, 2 * count));
        }

        if (clean.Length % 2 != 0)
        {
            var last = clean.Length - 1;
            noisy[last] = Math.Clamp(clean[last] + std * (float)rng.NextGaussian(), 0f, 1f);
        }
    }

    // noisy[2p] = clip(clean[2p] + std cosSide[p]), noisy[2p + 1] = clip(clean[2p + 1] + std sinSide[p]),
    // the normals rounded to float first. On vectors without branches: the noise makes a clipped
    // pixel a coin toss (half the background), and the scalar loop's mispredicted branches took
    // longer than drawing the noise. Same operations per element, so the same bits.
    // clean: [2n], cosSide: [>= n], sinSide: [>= n], noisy: [2n] (may alias clean)
    private static void AddClipped(ReadOnlySpan<float> clean, float std, ReadOnlySpan<double> cosSide, ReadOnlySpan<double> sinSide, Span<float> noisy)
    {
        var p = 0;
        var pairs = clean.Length / 2;
        if (Vector128.IsHardwareAccelerated && IsaSelector.Current != Isa.Scalar)
        {
            var interleave = Vector128.Create(0, 2, 1, 3);
            var scale = Vector128.Create(std);
            for (; p + 2 <= pairs; p += 2)
            {
                // (cos p, cos p+1, sin p, sin p+1) as floats, then in pixel order.
                var normals = Vector128.Shuffle(Vector128.Narrow(Vector128.Create(cosSide[p], cosSide[p + 1]), Vector128.Create(sinSide[p], sinSide[p + 1])), interleave);
                var value = Vector128.Create(clean.Slice(2 * p, 4)) + (scale * normals);
                value = Vector128.ConditionalSelect(Vector128.LessThan(value, Vector128<float>.Zero), Vector128<float>.Zero, value);
                value = Vector128.ConditionalSelect(Vector128.GreaterThan(value, Vector128<float>.One), Vector128<float>.One, value);
                value.CopyTo(noisy.Slice(2 * p, 4));
            }
        }

        for (; p < pairs; p++)
        {
            noisy[2 * p] = Math.Clamp(clean[2 * p] + std * (float)cosSide[p], 0f, 1f);
            noisy[(2 * p) + 1] = Math.Clamp(clean[(2 * p) + 1] + std * (float)sinSide[p], 0f, 1f);
        }
    }

    /// <summary>
    /// <see cref="ApplyBatch"/> with the rows spread over the worker pool: each row's noise comes
    /// from its own sample's stream, so the split changes nothing. A 784-pixel row takes about 4 us
    /// (Box-Muller in double on vectors; 15 us with the C library's scalar log and sincos).
    /// </summary>
    // indices: [>= rows], clean: [rows, sampleSize], noisy: [rows, sampleSize] (may be clean)
    internal static void ApplyBatchInParallel(int[] indices, float[] clean, int rows, int sampleSize, float std, ulong seed, float[] noisy, int threads)
    {
        ChunkedJob.RunElementWise(new NoiseRows(indices, clean, sampleSize, std, seed, noisy), rows, 1, threads, rows * RowMicroseconds * sampleSize / 784.0);
    }

    // One 784-pixel row's noise on one thread (measured, see the summary above).
    private const double RowMicroseconds = 4.0;

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
