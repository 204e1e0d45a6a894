using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Tests.Threading;

/// <summary>
/// The Trainer's step scopes over the per-call choice: a one-thread step teaches every call class
/// its one-thread time, a step that tries all threads splits every call that may split.
/// </summary>
[Collection(nameof(ProcessWide))]
public class AdaptiveThreadsStepTests
{
    [Fact]
    public void AOneThreadStepTeachesEachClassItsOneThreadTime()
    {
        Measured(big =>
        {
            AdaptiveThreads.End(AdaptiveThreads.Begin(WorkKind.Gemm, big, 1));
            Assert.True(double.IsNaN(AdaptiveThreads.Averages(WorkKind.Gemm, big).Serial), "a one-thread call outside a step taught its class");

            using (AdaptiveThreads.ForStep(stepThreads: 1, allowedThreads: 2))
            {
                var call = AdaptiveThreads.Begin(WorkKind.Gemm, big, 1);
                Assert.Equal(1, call.Threads);
                AdaptiveThreads.End(call);
            }

            var (serial, parallel) = AdaptiveThreads.Averages(WorkKind.Gemm, big);
            Assert.False(double.IsNaN(serial));
            Assert.True(double.IsNaN(parallel));
            // Each kind keeps its own classes: a packed product of the same size learnt nothing.
            Assert.True(double.IsNaN(AdaptiveThreads.Averages(WorkKind.GemmPacked, big).Serial));
        });
    }

    [Fact]
    public void AnAllThreadsStepSplitsEveryCallThatMaySplitAndTheScopeEnds()
    {
        Measured(big =>
        {
            using (AdaptiveThreads.ForStep(stepThreads: 2, allowedThreads: 2))
            {
                // Left to itself, a class measures one thread first; in this step it may not.
                var call = AdaptiveThreads.Begin(WorkKind.Gemm, big, 2);
                Assert.Equal(2, call.Threads);
                AdaptiveThreads.End(call);
                Assert.Equal(1, AdaptiveThreads.Begin(WorkKind.Gemm, 0.5, 2).Threads);
            }

            Assert.False(double.IsNaN(AdaptiveThreads.Averages(WorkKind.Gemm, big).Parallel));
            AdaptiveThreads.Reset();
            Assert.Equal(1, AdaptiveThreads.Begin(WorkKind.Gemm, big, 2).Threads);
        });
    }

    // Runs a test under the measured policy, with a call large enough to split on two threads.
    private static void Measured(Action<double> test)
    {
        var saved = ParallelPolicy.SplitAlways;
        try
        {
            ParallelPolicy.SplitAlways = false;
            AdaptiveThreads.Reset();
            var big = 1e3 * ParallelPolicy.MinShareMicroseconds;
            Assert.False(double.IsInfinity(big), "no join time was measured");
            test(big);
        }
        finally
        {
            AdaptiveThreads.Reset();
            ParallelPolicy.SplitAlways = saved;
        }
    }
}
