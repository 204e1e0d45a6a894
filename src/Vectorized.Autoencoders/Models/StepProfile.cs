using System.Diagnostics;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// Where a training step's time goes: ticks summed per phase (loading the batch, zeroing the
/// gradients, each step forward, the loss, each step backward, the finiteness check, the
/// optimizer) over the steps measured. A lap reads the clock once (tens of nanoseconds), so the
/// profile costs nothing that shows; it is off unless a benchmark asks for it.
/// </summary>
internal sealed class StepProfile
{
    private readonly long[] _ticks;
    private long _last;

    public StepProfile(Network network)
    {
        var steps = network.Steps;
        var names = new List<string> { "load batch", "zero gradients" };
        for (var i = 0; i < steps.Length; i++)
        {
            names.Add($"forward {Name(steps[i])}");
        }

        names.Add("loss and loss terms");
        for (var i = steps.Length - 1; i >= 0; i--)
        {
            names.Add($"backward {Name(steps[i])}");
        }

        names.Add("finiteness check");
        names.Add("optimizer");
        Names = [.. names];
        _ticks = new long[Names.Length];
        StepCount = steps.Length;
    }

    /// <summary>The phases, in step order.</summary>
    public string[] Names { get; }

    /// <summary>Steps measured.</summary>
    public int Steps { get; private set; }

    private int StepCount { get; }

    public static int LoadBatch => 0;

    public static int ZeroGradients => 1;

    public int Forward(int step) => 2 + step;

    public int Loss => 2 + StepCount;

    public int Backward(int step) => 3 + StepCount + (StepCount - 1 - step);

    public int FinitenessCheck => 3 + (2 * StepCount);

    public int Optimizer => 4 + (2 * StepCount);

    /// <summary>Starts a step's clock.</summary>
    public void Start()
    {
        Steps++;
        _last = Stopwatch.GetTimestamp();
    }

    /// <summary>Adds the time since the last lap (or the start) to <paramref name="phase"/>.</summary>
    public void Lap(int phase)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[phase] += now - _last;
        _last = now;
    }

    /// <summary>Mean microseconds per step of each phase.</summary>
    public double[] MicrosecondsPerStep() =>
        [.. _ticks.Select(t => Steps == 0 ? 0.0 : t * 1e6 / Stopwatch.Frequency / Steps)];

    public void Reset()
    {
        Array.Clear(_ticks);
        Steps = 0;
    }

    // A step by its layers' indices and what it runs: "3 conv2d+relu 784->25088", "5-6 upsampling2d+conv2d+relu 1568->6272".
    private static string Name(NetworkStep step) =>
        $"{(step.End - step.First == 1 ? $"{step.First}" : $"{step.First}-{step.End - 1}")} {Describe(step.Layer)}";

    private static string Describe(Layers.ILayer layer) => layer switch
    {
        Layers.Conv2DStep fused => $"{fused.Description} {layer.InputSize}->{layer.OutputSize}",
        Layers.ActivationLayer activation => $"{activation.Activation.ToString().ToLowerInvariant()} {layer.InputSize}",
        Layers.Conv2DLayer { Activation: not Layers.Activation.Linear } conv => $"conv2d+{conv.Activation.ToString().ToLowerInvariant()} {layer.InputSize}->{layer.OutputSize}",
        _ => $"{layer.GetType().Name.Replace("Layer", "", StringComparison.Ordinal).ToLowerInvariant()} {layer.InputSize}->{layer.OutputSize}",
    };
}
