using System.Diagnostics;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// How the bench commands time a call, as the OpenBLAS peer script does: a warm-up long enough for
/// tiered compilation to reach its last tier, then the best of <see cref="Samples"/> samples of about
/// <see cref="SampleSeconds"/> each, so neither side gets more chances than the other to land in a
/// quiet moment of a shared machine.
/// </summary>
internal static class CallTiming
{
    public const int Samples = 3;
    public const double SampleSeconds = 0.1;
    public const double WarmUpSeconds = 0.3;

    /// <summary>Runs <paramref name="call"/> for <paramref name="warmUpSeconds"/> (and at least 3 times); returns the calls that make a sample.</summary>
    public static int WarmUp(Action call, double warmUpSeconds = WarmUpSeconds)
    {
        var calls = 0;
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < warmUpSeconds || calls < 3)
        {
            call();
            calls++;
        }

        return Math.Max(1, (int)(calls * SampleSeconds / Stopwatch.GetElapsedTime(start).TotalSeconds));
    }

    /// <summary>The best seconds per call over <see cref="Samples"/> samples of <paramref name="reps"/> calls, read from <paramref name="clock"/> (seconds from any origin).</summary>
    public static double BestSecondsPerCall(Action call, int reps, Func<double> clock)
    {
        var best = double.MaxValue;
        for (var s = 0; s < Samples; s++)
        {
            var start = clock();
            for (var r = 0; r < reps; r++)
            {
                call();
            }

            best = Math.Min(best, (clock() - start) / reps);
        }

        return best;
    }

    /// <summary>Wall-clock seconds.</summary>
    public static double WallClock() => Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
}
