using FsCheck.Xunit;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Randomness;

/// <summary>The Mersenne Twister against the reference outputs of MT19937 (the C++ standard's check value included).</summary>
public class Mt19937Tests
{
    [Fact]
    public void TheDefaultSeedGivesTheReferenceOutputs()
    {
        var rng = new Mt19937(5489);
        Assert.Equal([3499211612u, 581869302u, 3890346734u, 3586334585u, 545404204u], Draw(rng, 5));
        rng.Skip(10000 - 5 - 1);
        // std::mt19937's required check: the 10000th output of the default seed.
        Assert.Equal(4123659995u, rng.NextUInt32());
    }

    [Fact]
    public void SeedOneGivesTheReferenceOutputs() =>
        Assert.Equal([1791095845u, 4282876139u, 3093770124u], Draw(new Mt19937(1), 3));

    [Fact]
    public void OnlyTheLow32BitsOfTheSeedCountLikeTorchManualSeed()
    {
        Assert.Equal(Draw(new Mt19937(5), 10), Draw(new Mt19937((1UL << 32) + 5), 10));
        // torch.manual_seed(-1) seeds with 2^64 - 1, whose low 32 bits are those of (uint)-1.
        Assert.Equal(Draw(new Mt19937(ulong.MaxValue), 10), Draw(new Mt19937(uint.MaxValue), 10));
    }

    [Property(MaxTest = 40)]
    public void SkippingIsDrawingAndDiscarding(ushort before, ushort count, int seed)
    {
        var skipped = new Mt19937((uint)seed);
        var drawn = new Mt19937((uint)seed);
        Draw(skipped, before);
        Draw(drawn, before);
        skipped.Skip(count);
        Draw(drawn, count);
        Assert.Equal(Draw(drawn, 3), Draw(skipped, 3));
    }

    [Property(MaxTest = 60)]
    public void EveryOutputIsTheTextbookRecurrences(uint seed, byte twists)
    {
        // Several twists (the vector twist's three parts, each word's far partner old and new),
        // against the definition written one word at a time with its index wrap-arounds.
        var count = 624 * (1 + twists % 5) + twists;
        Assert.Equal(TextbookDraws(seed, count), Draw(new Mt19937(seed), count));
    }

    // MT19937 as Matsumoto and Nishimura define it: init_genrand, then the recurrence over i mod 624.
    private static uint[] TextbookDraws(uint seed, int count)
    {
        var mt = new uint[624];
        mt[0] = seed;
        for (var i = 1; i < 624; i++)
        {
            mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i;
        }

        var values = new uint[count];
        for (var k = 0; k < count; k++)
        {
            if (k % 624 == 0)
            {
                for (var i = 0; i < 624; i++)
                {
                    var y = (mt[i] & 0x80000000u) | (mt[(i + 1) % 624] & 0x7FFFFFFFu);
                    mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : 0x9908B0DFu);
                }
            }

            var t = mt[k % 624];
            t ^= t >> 11;
            t ^= (t << 7) & 0x9D2C5680u;
            t ^= (t << 15) & 0xEFC60000u;
            values[k] = t ^ (t >> 18);
        }

        return values;
    }

    private static uint[] Draw(Mt19937 rng, int count)
    {
        var values = new uint[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = rng.NextUInt32();
        }

        return values;
    }
}
