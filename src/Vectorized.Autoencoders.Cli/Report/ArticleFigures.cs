using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.Plotting;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// The article's figures, from plain arrays: rows of digits (reconstructions, denoising),
/// first-layer filters, the loss history and the code-value density. Used by both
/// <c>vecae figures</c> (one model) and <c>vecae reproduce</c> (all experiments).
/// </summary>
public static class ArticleFigures
{
    /// <summary>MNIST's image side.</summary>
    public const int Side = 28;

    /// <summary>Images per row in the digit figures (the article's 5 digits; filters use 10).</summary>
    public const int DefaultCount = 5;

    /// <summary>Test digits over their reconstructions.</summary>
    /// <param name="originals">originals: [count, height * width] in [0, 1].</param>
    /// <param name="reconstructions">reconstructions: [count, height * width] in [0, 1].</param>
    public static Raster Reconstructions(string title, float[] originals, float[] reconstructions, int count, int height = Side, int width = Side) =>
        LabelledGrid.Compose(title, ["original", "reconstruction"], [originals, reconstructions], count, height, width);

    /// <summary>The denoising figure's three rows: original, noisy input, output.</summary>
    /// <param name="originals">originals, noisy, outputs: [count, height * width] each.</param>
    public static Raster Denoising(string title, float[] originals, float[] noisy, float[] outputs, int count, int height = Side, int width = Side) =>
        LabelledGrid.Compose(title, ["original", "noisy input", "output"], [originals, noisy, outputs], count, height, width);

    /// <summary>The conv denoiser beside the dense one: original, noisy input, the dense output, the conv output.</summary>
    /// <param name="originals">originals, noisy, dense, conv: [count, height * width] each.</param>
    public static Raster DenoisingComparison(string title, float[] originals, float[] noisy, float[] dense, float[] conv, int count, int height = Side, int width = Side) =>
        LabelledGrid.Compose(title, ["original", "noisy input", "dense output", "conv output"], [originals, noisy, dense, conv], count, height, width);

    /// <summary>First-layer filters <paramref name="first"/>.. as images, each min-max scaled on its own.</summary>
    /// <param name="weights">weights: [outputs, height * width], the first layer's [out, in] matrix.</param>
    /// <param name="noun">what a filter belongs to: "unit" (a dense layer's), "channel" (a convolution's).</param>
    public static Raster Filters(string title, ReadOnlySpan<float> weights, int outputs, int first, int count, int height = Side, int width = Side, string noun = "unit")
    {
        var images = FilterImages.Normalize(weights, outputs, height * width, first, count);
        var label = count == 1 ? $"{noun} {first}" : $"{noun}s {first}-{first + count - 1}";
        // A 3x3 kernel at the digits' scale of 3 would be 9 pixels: draw every filter about a digit's size.
        var scale = Math.Max(3, (Side * 3) / Math.Max(height, width));
        return LabelledGrid.Compose(title, [label], [images], count, height, width, scale);
    }

    /// <summary>Train loss per epoch of several models on one plot.</summary>
    public static string LossHistory(string title, IReadOnlyList<(string Name, double[] LossPerEpoch)> series) =>
        LinePlot.ToSvg(title, "epoch", "training loss (binary cross-entropy)", series.Select(s => LineSeries.PerEpoch(s.Name, s.LossPerEpoch)).ToList());

    /// <summary>Density of all code values of several models, means marked.</summary>
    /// <param name="codeUnits">the code's width, for the axis label.</param>
    public static string CodeDensity(string title, IReadOnlyList<(string Name, float[] Codes)> series, int codeUnits) =>
        DensityPlot.ToSvg(title, $"code value (activation of the {codeUnits} code units, all test images)", series);
}
