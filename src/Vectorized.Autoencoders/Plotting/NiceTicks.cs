using System.Globalization;

namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// Axis ticks a reader can read: steps of 1, 2, 2.5 or 5 times a power of ten, covering the
/// data range, about <c>target</c> of them. The axis is then widened to the outer ticks so
/// every plotted value sits inside a labelled range.
/// </summary>
public static class NiceTicks
{
    /// <summary>Tick values from a multiple of the step at or below <paramref name="min"/> to one at or above <paramref name="max"/>.</summary>
    public static double[] Compute(double min, double max, int target = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 2);
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException($"Axis range [{min}, {max}] is not finite.");
        }

        if (max < min)
        {
            (min, max) = (max, min);
        }

        if (max == min)
        {
            // A flat series still needs an axis: open a unit-sized window around it.
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }

        var step = Step((max - min) / (target - 1));
        var first = Math.Floor(min / step + 1e-9) * step;
        var last = Math.Ceiling(max / step - 1e-9) * step;
        var count = (int)Math.Round((last - first) / step) + 1;
        var ticks = new double[count];
        for (var i = 0; i < count; i++)
        {
            // Round to the step's decimals so 0.1 + 0.2 prints as 0.3, not 0.30000000000000004.
            ticks[i] = Math.Round(first + i * step, Decimals(step));
        }

        return ticks;
    }

    /// <summary>The nice step (1, 2, 2.5, 5 x 10^k) nearest above <paramref name="rough"/>.</summary>
    public static double Step(double rough)
    {
        var exponent = Math.Floor(Math.Log10(rough));
        var magnitude = Math.Pow(10, exponent);
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /// <summary>Formats a tick with just the decimals its step needs, in invariant culture.</summary>
    public static string Format(double value, double step)
    {
        var decimals = Decimals(step);
        var rounded = Math.Round(value, decimals);
        // -0.0 prints as "-0.0"; an axis label should say 0.
        if (rounded == 0)
        {
            rounded = 0;
        }

        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static int Decimals(double step)
    {
        // 2.5 x 10^k needs one decimal more than 10^k.
        var decimals = 0;
        var scaled = step;
        while (decimals < 12 && Math.Abs(scaled - Math.Round(scaled)) > 1e-9 * Math.Max(1, Math.Abs(scaled)))
        {
            scaled *= 10;
            decimals++;
        }

        return decimals;
    }
}
