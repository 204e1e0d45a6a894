using System.Globalization;

namespace Vectorized.Autoencoders.Cli;

/// <summary>
/// Number fields of the JSON the CLI prints and writes. JSON has no NaN or infinity, so a
/// non-finite value is written as <c>null</c> followed by <c>NAME_not_finite</c> saying which
/// one it was ("NaN", "Infinity" or "-Infinity"): the line stays valid JSON and still tells why.
/// </summary>
internal static class JsonNumber
{
    /// <summary><c>"name":value</c> with <paramref name="format"/> (invariant culture), or the null form for a non-finite value.</summary>
    public static string Field(string name, double value, string format = "R") =>
        double.IsFinite(value)
            ? $"\"{name}\":{value.ToString(format, CultureInfo.InvariantCulture)}"
            : $"\"{name}\":null,\"{name}_not_finite\":\"{(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity")}\"";
}
