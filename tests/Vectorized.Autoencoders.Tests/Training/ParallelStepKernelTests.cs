using FsCheck.Xunit;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Optimizers;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Tests.Training;

/// <summary>
/// The element-wise parts of a training step that run on the worker pool in fixed chunks (the
/// loss, the finiteness check, Adam): the same bits for any thread count, and the same values as
/// their one-thread kernels. Lengths cross the chunk sizes (4 Ki and 16 Ki) and the point where the
/// pool is used at all.
/// </summary>
public class ParallelStepKernelTests
{
    private static readonly int[] Threads = [1, 2, 3];

    private static float[] Draw(Random rng, int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)(((rng.NextDouble() * 2) - 1) * scale)).ToArray();

    private static int Length(Random rng) => rng.Next(4) switch
    {
        0 => rng.Next(1, 5000),
        1 => rng.Next(16000, 17000),
        2 => 25088, // a batch of 32 MNIST reconstructions
        _ => rng.Next(30000, 70000),
    };

    [Property(MaxTest = 25)]
    public void BinaryCrossEntropyLossAndGradientDoNotDependOnThreads(int seed)
    {
        var rng = new Random(seed);
        var n = Length(rng);
        var z = Draw(rng, n + 7, 20);
        var t = Enumerable.Range(0, n + 7).Select(_ => (float)rng.NextDouble()).ToArray();
        var oneThread = new float[n + 7];
        var expectedLoss = ParallelBinaryCrossEntropy.ForwardBackward(z, t, oneThread, n, 1);

        // The gradient is element-wise: exactly the kernel's over the whole span.
        var kernelGradient = new float[n];
        var kernelLoss = BinaryCrossEntropyKernel.LossAndGradient(z.AsSpan(0, n), t.AsSpan(0, n), kernelGradient);
        Assert.Equal(kernelGradient, oneThread.AsSpan(0, n).ToArray());
        // The kernel adds its terms in float across the whole span (on the scalar path one running sum
        // of up to 70,000 terms, off by about 1e-5 relative at that length), the pool per chunk in double.
        Assert.Equal(kernelLoss, expectedLoss, 2e-4 * Math.Abs(kernelLoss));
        Assert.All(oneThread.AsSpan(n).ToArray(), g => Assert.Equal(0f, g));

        foreach (var threads in Threads)
        {
            var gradient = new float[n + 7];
            Assert.Equal(expectedLoss, ParallelBinaryCrossEntropy.ForwardBackward(z, t, gradient, n, threads));
            Assert.Equal(oneThread, gradient);
            Assert.Equal(expectedLoss, ParallelBinaryCrossEntropy.Mean(z, t, n, threads));
        }
    }

    [Property(MaxTest = 25)]
    public void AdamOnThePoolIsTheSerialStepBitForBit(int seed)
    {
        var rng = new Random(seed);
        var n = Length(rng);
        var options = new AdamOptions();
        var start = Draw(rng, n, 1);
        var gradients = Enumerable.Range(0, 3).Select(_ => Draw(rng, n, 0.1)).ToArray();

        float[] Run(int? threads)
        {
            var p = start.ToArray();
            var m = new float[n];
            var v = new float[n];
            for (var step = 1; step <= gradients.Length; step++)
            {
                if (threads is { } count)
                {
                    ParallelAdam.Step(gradients[step - 1], options, step, p, m, v, zeroGradients: false, count);
                }
                else
                {
                    Adam.Step(gradients[step - 1], options, step, p, m, v);
                }
            }

            return [.. p, .. m, .. v];
        }

        var serial = Run(null);
        foreach (var threads in Threads)
        {
            Assert.Equal(serial, Run(threads));
        }
    }

    [Property(MaxTest = 10)]
    public void NoiseOnThePoolIsTheSerialNoiseBitForBit(int seed)
    {
        var rng = new Random(seed);
        var rows = rng.Next(1, 40);
        var size = rng.Next(1, 800);
        var indices = Enumerable.Range(0, rows + 3).Select(_ => rng.Next(60000)).ToArray();
        var clean = Enumerable.Range(0, rows * size).Select(_ => (float)rng.NextDouble()).ToArray();
        var serial = new float[rows * size];
        GaussianNoise.ApplyBatch(indices.AsSpan(0, rows), clean, size, 0.4f, (ulong)seed, serial);
        foreach (var threads in Threads)
        {
            var noisy = new float[rows * size];
            GaussianNoise.ApplyBatchInParallel(indices, clean, rows, size, 0.4f, (ulong)seed, noisy, threads);
            Assert.Equal(serial, noisy);
            var inPlace = clean.ToArray();
            GaussianNoise.ApplyBatchInParallel(indices, inPlace, rows, size, 0.4f, (ulong)seed, inPlace, threads);
            Assert.Equal(serial, inPlace);
        }
    }

    [Property(MaxTest = 25)]
    public void TheGradientCheckFindsANonFiniteValueInAnyChunk(int seed)
    {
        var rng = new Random(seed);
        var n = Length(rng);
        var gradients = Draw(rng, n, 1);
        foreach (var threads in Threads)
        {
            Assert.True(FiniteGradients.AllFinite(gradients, threads));
        }

        var at = rng.Next(n);
        foreach (var bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            var saved = gradients[at];
            gradients[at] = bad;
            foreach (var threads in Threads)
            {
                Assert.False(FiniteGradients.AllFinite(gradients, threads), $"{bad} at {at} of {n}, {threads} threads");
            }

            gradients[at] = saved;
        }
    }
}
