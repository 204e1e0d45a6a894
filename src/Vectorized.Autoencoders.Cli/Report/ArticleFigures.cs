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
    public static Raster Filters(string title, ReadOnlySpan<float> weights, int outputs, int first, int count, int height = Side, int width = Side)
    {
        var images = FilterImages.Normalize(weights, outputs, height * width, first, count);
        var label = count == 1 ? $"unit {first}" : $"units {first}-{first + count - 1}";
        return LabelledGrid.Compose(title, [label], [images], count, height, width);
    }

    /// <summary>Train loss per epoch of several models on one plot.</summary>
    public static string LossHistory(string title, IReadOnlyList<(string Name, double[] LossPerEpoch)> series) =>
        LinePlot.ToSvg(title, "epoch", "training loss (binary cross-entropy)", series.Select(s => LineSeries.PerEpoch(s.Name, s.LossPerEpoch)).ToList());

    /// <summary>Density of all code values of several models, means marked.</summary>
    public static string CodeDensity(string title, IReadOnlyList<(string Name, float[] Codes)> series) =>
        DensityPlot.ToSvg(title, "code value (activation of the 32 code units, all test images)", series);
}
