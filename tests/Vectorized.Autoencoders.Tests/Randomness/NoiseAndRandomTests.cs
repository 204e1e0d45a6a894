using FsCheck.Xunit;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Tests.Training;

namespace Vectorized.Autoencoders.Tests.Randomness;

public class NoiseAndRandomTests
{
    [Property(MaxTest = 30)]
    public void NoiseIsClippedFixedPerSampleAndDependsOnTheSeed(int seed, int sample)
    {
        sample &= int.MaxValue;
        var clean = TrainingTestData.Images(1, 784, seed);
        var a = new float[784];
        var b = new float[784];
        GaussianNoise.Apply(clean, 0.4f, (ulong)(uint)seed, sample, a);
        GaussianNoise.Apply(clean, 0.4f, (ulong)(uint)seed, sample, b);
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
        GaussianNoise.Apply(clean, 0.4f, (ulong)(uint)seed + 1, sample, b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void NoiseHasTheRequestedSpreadBeforeClipping()
    {
        // Mid-grey inputs so that clipping at 0 and 1 (2.5 sigma away) barely touches the spread.
        var clean = Enumerable.Repeat(0.5f, 100_000).ToArray();
        var noisy = new float[clean.Length];
        GaussianNoise.Apply(clean, 0.2f, 7, 0, noisy);
        var mean = noisy.Average();
        var std = Math.Sqrt(noisy.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 0.497, 0.503);
        Assert.InRange(std, 0.19, 0.205);
    }

    [Fact]
    public void ShuffleIsAPermutationAndTheGeneratorStateRoundTrips()
    {
        var rng = new Xoshiro256(5);
        var items = Enumerable.Range(0, 1000).ToArray();
        rng.Shuffle(items);
        Assert.NotEqual(Enumerable.Range(0, 1000), items);
        Assert.Equal(Enumerable.Range(0, 1000), items.Order());

        var state = new ulong[4];
        rng.GetState(state);
        var copy = Xoshiro256.FromState(state);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(rng.NextUInt64(), copy.NextUInt64());
        }
    }

    [Property(MaxTest = 50)]
    public void NextIntStaysInRange(int seed, int bound)
    {
        bound = Math.Max(1, bound & 0xFFFFF);
        var rng = new Xoshiro256((ulong)(uint)seed);
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(rng.NextInt(bound), 0, bound - 1);
        }
    }
}
