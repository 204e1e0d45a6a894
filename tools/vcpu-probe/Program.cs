// Three probes of what a second vCPU gives, each printed as one line per setting:
//   latency     one-way time for a spinning thread to see a write, after gaps of busy work
//   steal       time a busy thread loses in gaps over 50 us (its vCPU taken away), 1 vs 2 busy threads
//   contention  an FMA loop's time alone and while the other vCPU runs the same loop: equal when
//               the vCPUs are two cores, double when they share one
// Usage: dotnet run -c Release --project tools/vcpu-probe [latency|steal|contention]...
using System.Diagnostics;
using System.Numerics;

var probes = args.Length > 0 ? args : ["latency", "steal", "contention"];
foreach (var probe in probes)
{
    switch (probe)
    {
        case "latency": Latency(); break;
        case "steal": Steal(); break;
        case "contention": Contention(); break;
        default: Console.Error.WriteLine($"unknown probe '{probe}'"); return 2;
    }
}

return 0;

static double Micros(long ticks) => ticks * 1e6 / Stopwatch.Frequency;

static void BusyFor(double micros)
{
    var end = Stopwatch.GetTimestamp() + (long)(micros * Stopwatch.Frequency / 1e6);
    while (Stopwatch.GetTimestamp() < end)
    {
    }
}

static string Quantiles(List<double> values)
{
    values.Sort();
    double At(double q) => values[Math.Min(values.Count - 1, (int)(q * values.Count))];
    return $"p50 {At(0.5):F2} p90 {At(0.9):F2} p99 {At(0.99):F2} max {values[^1]:F0} us";
}

static void Latency()
{
    long flag = 0, seen = 0;
    var watcher = new Thread(() =>
    {
        long last = 0;
        while (true)
        {
            var f = Volatile.Read(ref flag);
            if (f != last)
            {
                Volatile.Write(ref seen, Stopwatch.GetTimestamp());
                last = f;
            }
            else
            {
                Thread.SpinWait(4);
            }
        }
    }) { IsBackground = true };
    watcher.Start();
    Thread.Sleep(50);
    long next = 0;
    foreach (var gap in new[] { 5.0, 50, 500, 5000 })
    {
        var samples = new List<double>();
        for (var r = 0; r < (gap >= 5000 ? 200 : 2000); r++)
        {
            BusyFor(gap);
            Volatile.Write(ref seen, 0);
            var t0 = Stopwatch.GetTimestamp();
            Volatile.Write(ref flag, ++next);
            long s;
            while ((s = Volatile.Read(ref seen)) == 0 && Stopwatch.GetTimestamp() - t0 < Stopwatch.Frequency / 20)
            {
            }

            samples.Add(s == 0 ? 50_000 : Micros(s - t0));
        }

        Console.WriteLine($"latency: after {gap,5} us of work, a spinning thread sees a write in {Quantiles(samples)}");
    }
}

static void Steal()
{
    foreach (var n in new[] { 1, 2 })
    {
        var lost = new double[n];
        var worst = new double[n];
        var threads = Enumerable.Range(0, n).Select(i => new Thread(() =>
        {
            long start = Stopwatch.GetTimestamp(), last = start, end = start + (3 * Stopwatch.Frequency);
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now > end)
                {
                    break;
                }

                var gap = Micros(now - last);
                if (gap > 50)
                {
                    lost[i] += gap;
                    worst[i] = Math.Max(worst[i], gap);
                }

                last = now;
            }
        })).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        foreach (var t in threads)
        {
            t.Join();
        }

        Console.WriteLine($"steal: {n} busy thread(s) for 3 s: " + string.Join("; ", Enumerable.Range(0, n).Select(i => $"{lost[i] / 30_000:F1}% lost in gaps over 50 us, longest {worst[i]:F0} us")));
    }
}

static void Contention()
{
    // 8 independent FMA chains on 256-bit vectors: bound by the core's FMA units, not by memory.
    static float Fma(long iterations)
    {
        var a = new Vector<float>[8];
        var m = new Vector<float>(0.999f);
        var c = new Vector<float>(0.001f);
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = new Vector<float>(i);
        }

        for (long r = 0; r < iterations; r++)
        {
            for (var i = 0; i < a.Length; i++)
            {
                a[i] = Vector.FusedMultiplyAdd(a[i], m, c);
            }
        }

        var sum = 0f;
        foreach (var v in a)
        {
            sum += Vector.Sum(v);
        }

        return sum;
    }

    const long Iterations = 20_000_000;
    Fma(1000);
    for (var round = 0; round < 3; round++)
    {
        var t0 = Stopwatch.GetTimestamp();
        Fma(Iterations);
        var alone = Micros(Stopwatch.GetTimestamp() - t0) / 1000;
        double other = 0;
        var otherThread = new Thread(() =>
        {
            var s = Stopwatch.GetTimestamp();
            Fma(Iterations);
            other = Micros(Stopwatch.GetTimestamp() - s) / 1000;
        });
        otherThread.Start();
        t0 = Stopwatch.GetTimestamp();
        Fma(Iterations);
        var together = Micros(Stopwatch.GetTimestamp() - t0) / 1000;
        otherThread.Join();
        Console.WriteLine($"contention: FMA loop alone {alone:F0} ms; with the other vCPU running it too {together:F0} ms and {other:F0} ms ({together / alone:F2}x)");
    }
}
