using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Tests.Threading;

/// <summary>The measured policy (the suite otherwise runs with <see cref="ParallelPolicy.SplitAlways"/>).</summary>
[Collection(nameof(ProcessWide))]
public class ParallelPolicyTests
{
    [Fact]
    public void TheJoinTimeIsMeasuredAndPositive()
    {
        var join = ParallelPolicy.JoinMicroseconds;
        Assert.True(join > 0, $"join {join} us");
        Assert.True(ParallelPolicy.MinShareMicroseconds >= ParallelPolicy.MinShareFloorMicroseconds);
    }

    [Fact]
    public void SmallWorkRunsOnOneThreadAndLargeWorkIsCappedByTheRequest()
    {
        var saved = ParallelPolicy.SplitAlways;
        try
        {
            ParallelPolicy.SplitAlways = false;
            Assert.Equal(1, ParallelPolicy.Threads(1.0, 16));
            Assert.Equal(1, ParallelPolicy.Threads(1e9, 1));
            var share = ParallelPolicy.MinShareMicroseconds;
            Assert.Equal(1, ParallelPolicy.Threads(share * 1.5, 16));
            if (!double.IsInfinity(share))
            {
                Assert.Equal(3, ParallelPolicy.Threads(share * 3.5, 16));
                Assert.Equal(2, ParallelPolicy.Threads(share * 1e6, 2));
            }

            // More work never means fewer threads.
            var last = 1;
            for (var us = 1.0; us < 1e7; us *= 1.7)
            {
                var threads = ParallelPolicy.Threads(us, 64);
                Assert.True(threads >= last, $"{us} us: {threads} < {last}");
                last = threads;
            }
        }
        finally
        {
            ParallelPolicy.SplitAlways = saved;
        }
    }

    [Fact]
    public void SplitAlwaysTakesEveryThreadAsked()
    {
        var saved = ParallelPolicy.SplitAlways;
        try
        {
            ParallelPolicy.SplitAlways = true;
            Assert.Equal(4, ParallelPolicy.Threads(0.001, 4));
        }
        finally
        {
            ParallelPolicy.SplitAlways = saved;
        }
    }
}
