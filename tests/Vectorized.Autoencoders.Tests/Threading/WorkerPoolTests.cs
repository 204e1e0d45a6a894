using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Tests.Threading;

/// <summary>
/// The pool's claim protocol: every part runs exactly once per job, whatever the number of parts
/// and threads and however late a worker joins; a failing part reaches the caller and leaves the
/// pool usable; concurrent callers and calls from inside a job complete.
/// </summary>
public class WorkerPoolTests
{
    private sealed class CountingJob(int parts) : IParallelJob
    {
        public readonly int[] Runs = new int[parts];

        public void RunPart(int part) => Interlocked.Increment(ref Runs[part]);
    }

    [Fact]
    public void EveryPartRunsExactlyOnceOverManyJobs()
    {
        var rng = new Random(7);
        for (var round = 0; round < 20000; round++)
        {
            var parts = rng.Next(1, 40);
            var job = new CountingJob(parts);
            WorkerPool.Run(job, parts, rng.Next(1, 5));
            Assert.All(job.Runs, runs => Assert.Equal(1, runs));
        }
    }

    [Fact]
    public void JobsSpacedPastTheSpinTimeStillRunEveryPart()
    {
        // The worker has blocked by the time each job arrives: the wake-up path.
        for (var round = 0; round < 5; round++)
        {
            Thread.Sleep(WorkerPool.SpinMicroseconds / 1000 + 3);
            var job = new CountingJob(64);
            WorkerPool.Run(job, 64, 2);
            Assert.All(job.Runs, runs => Assert.Equal(1, runs));
        }
    }

    private sealed class FailingJob(int failAt) : IParallelJob
    {
        public int Ran;

        public void RunPart(int part)
        {
            Interlocked.Increment(ref Ran);
            if (part == failAt)
            {
                throw new InvalidOperationException($"part {part}");
            }
        }
    }

    [Fact]
    public void AFailingPartReachesTheCallerAndThePoolStaysUsable()
    {
        var failing = new FailingJob(3);
        var e = Assert.Throws<InvalidOperationException>(() => WorkerPool.Run(failing, 16, 2));
        Assert.Equal("part 3", e.Message);
        Assert.InRange(failing.Ran, 1, 16);

        var job = new CountingJob(16);
        WorkerPool.Run(job, 16, 2);
        Assert.All(job.Runs, runs => Assert.Equal(1, runs));
    }

    [Fact]
    public void ConcurrentCallersEachCompleteTheirJobs()
    {
        var failures = 0;
        Parallel.For(0, 4, _ =>
        {
            for (var round = 0; round < 2000; round++)
            {
                var job = new CountingJob(9);
                WorkerPool.Run(job, 9, 2);
                if (job.Runs.Any(runs => runs != 1))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        Assert.Equal(0, failures);
    }

    private sealed class NestingJob : IParallelJob
    {
        public readonly CountingJob[] Inner = [.. Enumerable.Range(0, 8).Select(_ => new CountingJob(5))];

        public void RunPart(int part) => WorkerPool.Run(Inner[part], 5, 2);
    }

    [Fact]
    public void ACallFromInsideAJobRunsItsPartsInline()
    {
        var outer = new NestingJob();
        WorkerPool.Run(outer, 8, 2);
        Assert.All(outer.Inner, inner => Assert.All(inner.Runs, runs => Assert.Equal(1, runs)));
    }
}
