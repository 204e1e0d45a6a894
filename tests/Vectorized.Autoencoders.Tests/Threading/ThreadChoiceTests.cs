using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Tests.Threading;

/// <summary>
/// The measured choice between one thread and several (the suite otherwise runs with
/// <see cref="ParallelPolicy.SplitAlways"/>, under which it always answers "all").
/// </summary>
[Collection(nameof(ProcessWide))]
public class ThreadChoiceTests
{
    private static int[] Drive(ThreadChoice choice, double serialCost, double parallelCost, int calls, int exploreEvery)
    {
        var picks = new int[calls];
        for (var i = 0; i < calls; i++)
        {
            picks[i] = choice.Choose(2, exploreEvery);
            choice.Record(picks[i] > 1, picks[i] > 1 ? parallelCost : serialCost);
        }

        return picks;
    }

    private static T WithMeasuredPolicy<T>(Func<T> run)
    {
        var saved = ParallelPolicy.SplitAlways;
        ParallelPolicy.SplitAlways = false;
        try
        {
            return run();
        }
        finally
        {
            ParallelPolicy.SplitAlways = saved;
        }
    }

    [Fact]
    public void MeasuresBothThenKeepsTheFasterAndExploresTheOtherRarely()
    {
        var picks = WithMeasuredPolicy(() => Drive(new ThreadChoice(), serialCost: 1.0, parallelCost: 0.6, calls: 320, exploreEvery: 32));
        Assert.Equal(1, picks[0]);
        Assert.Equal(2, picks[1]);
        var serialLater = picks.Skip(2).Count(p => p == 1);
        Assert.InRange(serialLater, 9, 11); // one call in 32 tries one thread again
    }

    [Fact]
    public void ExtraThreadsThatAreNotAheadByMoreThanThreePercentAreDropped()
    {
        var slower = WithMeasuredPolicy(() => Drive(new ThreadChoice(), 1.0, 1.5, 320, 32));
        Assert.InRange(slower.Skip(2).Count(p => p == 2), 9, 11);
        var barelyFaster = WithMeasuredPolicy(() => Drive(new ThreadChoice(), 1.0, 0.98, 320, 32));
        Assert.True(barelyFaster.Skip(2).Count(p => p == 2) <= 11, "a 2% gain is within the noise: one thread stays");
    }

    [Fact]
    public void AChangeOfTheMachineIsFollowed()
    {
        var choice = new ThreadChoice();
        WithMeasuredPolicy(() => Drive(choice, serialCost: 1.0, parallelCost: 0.5, calls: 200, exploreEvery: 8));
        // The second core is gone: the extra threads now cost twice as much.
        var after = WithMeasuredPolicy(() => Drive(choice, serialCost: 1.0, parallelCost: 2.0, calls: 200, exploreEvery: 8));
        Assert.True(after.TakeLast(100).Count(p => p == 1) >= 85, string.Join(",", after.TakeLast(100)));
    }

    [Fact]
    public void TheFirstSamplesKeepTheirMinimumAndAStallMovesTheAverageLittle()
    {
        var choice = new ThreadChoice();
        choice.Record(parallel: false, 10.0); // a JIT-compiled first step
        choice.Record(parallel: false, 1.0);
        Assert.Equal(1.0, choice.Serial);
        choice.Record(parallel: false, 100.0); // a stall counts as twice the average at most
        Assert.InRange(choice.Serial, 1.0, 1.2 + 1e-12);
    }

    [Fact]
    public void TheAverageFollowsTheMeanNotTheFastSamples()
    {
        var choice = new ThreadChoice();
        for (var i = 0; i < 400; i++)
        {
            choice.Record(parallel: false, 1.0);
            choice.Record(parallel: true, i % 2 == 0 ? 0.6 : 1.8); // mean 1.2, the noisier choice
        }

        Assert.InRange(choice.Parallel, 1.05, 1.35);
        Assert.False(choice.PrefersParallel);
    }

    [Fact]
    public void NoisyExtraThreadsThatAreSlowerOnAverageAreNotKept()
    {
        var choice = new ThreadChoice();
        var picks = WithMeasuredPolicy(() =>
        {
            var result = new int[640];
            var parallelSamples = 0;
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = choice.Choose(2, 32);
                // The extra threads' samples alternate fast and slow: mean 1.2 against one thread's 1.0.
                choice.Record(result[i] > 1, result[i] > 1 ? (parallelSamples++ % 2 == 0 ? 0.6 : 1.8) : 1.0);
            }

            return result;
        });
        Assert.True(picks.TakeLast(320).Count(p => p == 2) <= 40, string.Join(",", picks.TakeLast(320)));
    }

    [Fact]
    public void OneThreadAskedIsOneThreadGiven()
    {
        var picks = WithMeasuredPolicy(() =>
        {
            var choice = new ThreadChoice();
            return Enumerable.Range(0, 50).Select(_ => choice.Choose(1, 4)).ToArray();
        });
        Assert.All(picks, p => Assert.Equal(1, p));
    }
}
