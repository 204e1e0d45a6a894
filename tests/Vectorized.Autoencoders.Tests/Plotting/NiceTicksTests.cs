using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Plotting;

namespace Vectorized.Autoencoders.Tests.Plotting;

public class NiceTicksTests
{
    [Fact]
    public void LossRangeGetsReadableTicks()
    {
        var ticks = NiceTicks.Compute(0.0921, 0.1624);
        Assert.Equal([0.08, 0.1, 0.12, 0.14, 0.16, 0.18], ticks);
        Assert.Equal("0.10", NiceTicks.Format(ticks[1], 0.02));
    }

    [Fact]
    public void EpochsOneToTwenty()
    {
        Assert.Equal([0.0, 5, 10, 15, 20], NiceTicks.Compute(1, 20));
    }

    [Fact]
    public void FlatRangeStillGetsAnAxis()
    {
        var ticks = NiceTicks.Compute(3, 3);
        Assert.True(ticks[0] < 3 && ticks[^1] > 3);
    }

    [Theory]
    [InlineData(3.7323093e-07, 3.732388e-07)] // a collapsed t-SNE map's x range
    [InlineData(-1e-12, 1e-12)]
    [InlineData(5, 5.00000000000001)]
    [InlineData(1e-300, 1e-300)]
    [InlineData(1e-300, 2e-300)]
    [InlineData(1e30, 1e30)]
    [InlineData(0, 0)]
    [InlineData(-1e308, 1e308)]
    [InlineData(1e15, 1e15 + 1)]
    public void NarrowOrHugeRangesGetDistinctFiniteLabelledTicks(double min, double max)
    {
        foreach (var target in new[] { 2, 6, 20 })
        {
            var ticks = NiceTicks.Compute(min, max, target);
            Assert.True(ticks.Length >= 2);
            Assert.All(ticks, t => Assert.True(double.IsFinite(t)));
            Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.True(p.First < p.Second, $"{p.First} !< {p.Second}"));
            var step = ticks[1] - ticks[0];
            var labels = ticks.Select(t => NiceTicks.Format(t, step)).ToArray();
            Assert.Equal(labels.Length, labels.Distinct().Count());
            if (Math.Abs(max) < 1e300)
            {
                Assert.True(ticks[0] <= min && ticks[^1] >= max, $"[{ticks[0]}, {ticks[^1]}] misses [{min}, {max}]");
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property TicksCoverTheRangeWithOneNiceStep()
    {
        var ranges = from a in Gen.Choose(-100000, 100000)
                     from span in Gen.Choose(1, 100000)
                     from exponent in Gen.Choose(-6, 6)
                     select (a * Math.Pow(10, exponent - 3), (a + span) * Math.Pow(10, exponent - 3));
        return Prop.ForAll(ranges.ToArbitrary(), r =>
        {
            var (min, max) = r;
            var ticks = NiceTicks.Compute(min, max);
            var step = ticks[1] - ticks[0];
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
            var nice = new[] { 1, 2, 2.5, 5, 10 }.Any(m => Math.Abs(mantissa - m) < 1e-6);
            var even = ticks.Zip(ticks.Skip(1), (p, q) => q - p).All(d => Math.Abs(d - step) < 1e-6 * step);
            return nice && even && ticks[0] <= min + 1e-9 * Math.Abs(min) && ticks[^1] >= max - 1e-9 * Math.Abs(max)
                && ticks.Length >= 2 && ticks.Length <= 12;
        });
    }

    [Theory]
    [InlineData(0.5, 0.25, "0.50")]
    [InlineData(10, 5, "10")]
    [InlineData(0.3, 0.1, "0.3")]
    [InlineData(-0.0000001, 0.1, "0.0")]
    public void FormatUsesTheStepsDecimals(double value, double step, string expected) => Assert.Equal(expected, NiceTicks.Format(value, step));
}
