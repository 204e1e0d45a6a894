using System.Globalization;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>How the report prints numbers: invariant culture, enough digits to compare with the article's.</summary>
public static class Number
{
    /// <summary>
    /// Losses to 4 decimals, values up to 100 to 3 significant digits, larger ones (the VAE's loss per image,
    /// whose target 105.5 is a tenth from its PyTorch figure) to 2 decimals; "n/a" for a missing or non-finite value.
    /// </summary>
    public static string Format(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "n/a";
        }

        var abs = Math.Abs(v);
        var format = abs == 0 ? "0" : abs < 0.5 ? "0.0000" : abs < 1 ? "0.###" : abs < 10 ? "0.##" : abs < 100 ? "0.#" : "0.##";
        return v.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Seconds with one decimal.</summary>
    public static string Seconds(double seconds) => double.IsFinite(seconds) ? seconds.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
