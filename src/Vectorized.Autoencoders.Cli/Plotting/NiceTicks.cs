using System.Globalization;

namespace Vectorized.Autoencoders.Plotting;

/// <summary>
/// Axis ticks a reader can read: steps of 1, 2, 2.5 or 5 times a power of ten, covering the
/// data range, about <c>target</c> of them. The axis is then widened to the outer ticks so
/// every plotted value sits inside a labelled range.
/// </summary>
public static class NiceTicks
{
    // Steps below 10^-(MaxDecimals - 1) need more decimals than a label gets (2.5 x 10^k takes one extra).
    private const int MaxDecimals = 12;
    private const double MinimumStep = 1e-11;
    private const double MaxMagnitude = 1e300;

    /// <summary>
    /// Tick values from a multiple of the step at or below <paramref name="min"/> to one at or above <paramref name="max"/>:
    /// always at least two, distinct and increasing. A range too narrow to label (a flat series, or one a
    /// few float steps wide, like a collapsed t-SNE map) is widened around its centre first.
    /// </summary>
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

        // Beyond this the ticks themselves would overflow; no plotted value needs it.
        min = Math.Max(min, -MaxMagnitude);
        max = Math.Min(max, MaxMagnitude);
        var minimumSpan = MinimumSpan(min, max, target);
        if (max - min < minimumSpan)
        {
            // Labels carry at most MaxDecimals decimals: a narrower axis would print every tick alike
            // and map every value through a division by zero.
            var centre = min / 2 + max / 2;
            min = centre - minimumSpan / 2;
            max = centre + minimumSpan / 2;
        }

        var step = Step((max - min) / (target - 1));
        var first = Math.Floor(min / step + 1e-9) * step;
        var last = Math.Ceiling(max / step - 1e-9) * step;
        var count = Math.Max(2, (int)Math.Round((last - first) / step) + 1);
        var ticks = new double[count];
        var decimals = Decimals(step);
        for (var i = 0; i < count; i++)
        {
            // Round to the step's decimals so 0.1 + 0.2 prints as 0.3, not 0.30000000000000004.
            ticks[i] = Math.Round(first + i * step, decimals);
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

    /// <summary>
    /// The narrowest axis drawn: one whose steps still show in <see cref="MaxDecimals"/> decimals and
    /// differ in a double at the range's magnitude. A flat series at 0 gets [-1, 1], elsewhere +-10%.
    /// </summary>
    private static double MinimumSpan(double min, double max, int target)
    {
        var magnitude = Math.Max(Math.Abs(min), Math.Abs(max));
        var labelled = MinimumStep * (target - 1);
        if (min == max)
        {
            return magnitude == 0 ? 2 : Math.Max(0.2 * magnitude, labelled);
        }

        return Math.Max(1e-9 * magnitude, labelled);
    }

    private static int Decimals(double step)
    {
        // 2.5 x 10^k needs one decimal more than 10^k. The tolerance is relative to the step: an
        // absolute one took every step below 1e-9 for a whole number and rounded all ticks to 0.
        var decimals = 0;
        var scaled = step;
        while (decimals < MaxDecimals && Math.Abs(scaled - Math.Round(scaled)) > 1e-6 * Math.Abs(scaled))
        {
            scaled *= 10;
            decimals++;
        }

        return decimals;
    }
}
