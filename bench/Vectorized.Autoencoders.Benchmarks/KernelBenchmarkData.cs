using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Benchmarks;

/// <summary>What the kernel benchmarks share: the paths to compare and reproducible inputs.</summary>
public static class KernelBenchmarkData
{
    /// <summary>A batch of 32 MNIST reconstructions (32 x 784): the size the article's training loop works on.</summary>
    public const int BatchOfImages = 32 * 784;

    /// <summary>Every path this machine runs; Scalar is the baseline each ratio is taken against.</summary>
    public static IEnumerable<Isa> Paths() => Enum.GetValues<Isa>().Where(isa => isa <= IsaSelector.Hardware);

    public static float[] Uniform(int length, float lo, float hi, int seed)
    {
        var rng = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = lo + ((hi - lo) * (float)rng.NextDouble());
        }

        return values;
    }
}
