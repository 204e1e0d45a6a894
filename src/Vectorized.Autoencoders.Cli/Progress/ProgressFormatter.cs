using System.Globalization;
using System.Text;

namespace Vectorized.Autoencoders.Cli.Progress;

/// <summary>
/// Turns a <see cref="ProgressSnapshot"/> into the one line the progress bar shows:
/// <c>epoch 3/20 [#########-----------]  843/1875 loss 0.0962 | 41.2k samples/s | 0:52 left</c>.
/// Pure, so every format decision is tested without a terminal.
/// </summary>
public static class ProgressFormatter
{
    /// <summary>Cells of the bar itself.</summary>
    public const int BarWidth = 20;

    /// <summary>The progress line; <paramref name="label"/> (e.g. the experiment) leads it when given.</summary>
    public static string Format(ProgressSnapshot s, string? label = null)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(label))
        {
            text.Append(label).Append(' ');
        }

        var epochDigits = Digits(s.Epochs);
        var batchDigits = Digits(s.BatchesPerEpoch);
        text.Append(CultureInfo.InvariantCulture, $"epoch {s.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochDigits)}/{s.Epochs} ");
        text.Append(Bar(s.BatchesPerEpoch == 0 ? 1 : (double)s.Batch / s.BatchesPerEpoch));
        text.Append(CultureInfo.InvariantCulture, $" {s.Batch.ToString(CultureInfo.InvariantCulture).PadLeft(batchDigits)}/{s.BatchesPerEpoch}");
        text.Append(" loss ").Append(double.IsFinite(s.Loss) ? s.Loss.ToString("F4", CultureInfo.InvariantCulture) : "-");
        text.Append(" | ").Append(Rate(s.SamplesPerSecond)).Append(" samples/s");
        text.Append(" | ").Append(s.SecondsLeft is { } left ? Duration(left) + " left" : "--:-- left");
        return text.ToString();
    }

    /// <summary>The summary printed once an epoch ends: its mean loss and duration.</summary>
    public static string EpochDone(int epoch, int epochs, double loss, double epochSeconds, string? label = null)
    {
        var prefix = string.IsNullOrEmpty(label) ? "" : label + " ";
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}epoch {epoch}/{epochs} done: loss {loss:F4}, {epochSeconds:F1} s");
    }

    /// <summary><c>[#####-----]</c>, <see cref="BarWidth"/> cells; fraction clamped to [0, 1].</summary>
    public static string Bar(double fraction)
    {
        fraction = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        var filled = (int)Math.Floor(fraction * BarWidth);
        return "[" + new string('#', filled) + new string('-', BarWidth - filled) + "]";
    }

    /// <summary>Rates with a k or M suffix and three significant digits: 950, 41.2k, 1.30M.</summary>
    public static string Rate(double perSecond)
    {
        if (!double.IsFinite(perSecond) || perSecond <= 0)
        {
            return "-";
        }

        var (value, suffix) = perSecond >= 1e6 ? (perSecond / 1e6, "M") : perSecond >= 1e3 ? (perSecond / 1e3, "k") : (perSecond, "");
        var format = value >= 100 ? "F0" : value >= 10 ? "F1" : "F2";
        if (suffix.Length == 0)
        {
            format = "F0";
        }

        return value.ToString(format, CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary><c>m:ss</c> under an hour, <c>h:mm:ss</c> above.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            return "--:--";
        }

        var total = (long)Math.Ceiling(seconds);
        var h = total / 3600;
        var m = total / 60 % 60;
        var sec = total % 60;
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{sec:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{sec:00}");
    }

    private static int Digits(int value) => Math.Max(1, value).ToString(CultureInfo.InvariantCulture).Length;
}
