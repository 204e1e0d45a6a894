using System.Globalization;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Plotting;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// The variational autoencoder's figures: digits decoded from draws of the prior N(0, I), the
/// latent manifold of a 2-D model (Keras' VAE example: a 15 x 15 grid of decoded points at the
/// prior's quantiles), and the test set's latent means coloured by digit. Used by <c>vecae sample</c>,
/// <c>vecae manifold</c> and <c>vecae reproduce</c>.
/// </summary>
internal static class VariationalFigures
{
    /// <summary>Cells per side of the manifold grid, as in Keras' example.</summary>
    public const int ManifoldCells = 15;

    /// <summary>Each decoded pixel of the manifold is drawn as a block of this side.</summary>
    public const int ManifoldScale = 2;

    private static readonly string[] DigitNames = [.. Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Sample grids hold this many digits per row.</summary>
    public const int SampleColumns = 8;

    /// <summary><paramref name="count"/> digits of <see cref="Autoencoder.Sample"/>, <see cref="SampleColumns"/> per row.</summary>
    public static Raster Samples(Autoencoder model, int count, int seed, int threads)
    {
        var side = ImageSide(model);
        var images = model.Sample(count, seed, threads);
        var rows = new List<float[]>();
        for (var start = 0; start < count; start += SampleColumns)
        {
            // The last row is padded with white cells.
            var row = new float[SampleColumns * model.OutputSize];
            row.AsSpan().Fill(1f);
            var n = Math.Min(SampleColumns, count - start);
            images.AsSpan(start * model.OutputSize, n * model.OutputSize).CopyTo(row);
            rows.Add(row);
        }

        return DigitGrid.Compose(rows, SampleColumns, side, side);
    }

    /// <summary>
    /// The prior's quantiles at linspace(0.05, 0.95, cells): equal steps of probability, so the grid
    /// shows the latent space as the prior weighs it (Keras: norm.ppf(np.linspace(0.05, 0.95, n))).
    /// </summary>
    public static double[] GridPoints(int cells)
    {
        var points = new double[cells];
        for (var i = 0; i < cells; i++)
        {
            var p = cells == 1 ? 0.5 : 0.05 + (0.9 * i / (cells - 1));
            points[i] = NormalQuantile.Of(p);
        }

        return points;
    }

    /// <summary>
    /// The 2-D latent manifold: the digit decoded at (q[j], q[cells - 1 - i]) in row i, column j, for the
    /// quantiles q of <see cref="GridPoints"/>; z1 grows to the right and z2 upwards, as in the scatter
    /// of <see cref="LatentMeans"/>. The digits touch, as in Keras' figure.
    /// </summary>
    public static Raster Manifold(Autoencoder model, int threads, int cells = ManifoldCells)
    {
        var side = ImageSide(model);
        var q = GridPoints(cells);
        var z = new float[cells * cells * 2];
        for (var i = 0; i < cells; i++)
        {
            for (var j = 0; j < cells; j++)
            {
                z[2 * ((i * cells) + j)] = (float)q[j];
                z[(2 * ((i * cells) + j)) + 1] = (float)q[cells - 1 - i];
            }
        }

        var images = new float[cells * cells * model.OutputSize];
        model.Decode(z, cells * cells, images, threads);
        var rows = new List<float[]>();
        for (var i = 0; i < cells; i++)
        {
            rows.Add(images.AsSpan(i * cells * model.OutputSize, cells * model.OutputSize).ToArray());
        }

        return DigitGrid.Compose(rows, cells, side, side, ManifoldScale, padding: 0);
    }

    /// <summary>The latent means (z = mean, no draw) of <paramref name="count"/> images: [count, latent].</summary>
    // x: [count, InputSize]
    public static float[] LatentMeans(Autoencoder model, float[] x, int count, int threads)
    {
        var sampling = model.SampleLatent;
        model.SampleLatent = false;
        try
        {
            var means = new float[count * model.CodeSize];
            model.Encode(x, count, means, threads);
            return means;
        }
        finally
        {
            model.SampleLatent = sampling;
        }
    }

    /// <summary>The scatter of 2-D latent means coloured by digit, as an RGB raster for a PNG.</summary>
    // means: [n, 2], labels: [n]
    public static Raster LatentScatterPng(string title, float[] means, byte[] labels) =>
        ScatterPlot.ToRaster(title, "z1 (mean)", "z2 (mean)", means, labels, DigitNames);

    /// <summary>The same scatter as SVG, for the report.</summary>
    // means: [n, 2], labels: [n]
    public static string LatentScatterSvg(string title, float[] means, byte[] labels) =>
        ScatterPlot.ToSvg(title, "z1 (mean)", "z2 (mean)", means, labels, DigitNames);

    /// <summary>The side of the model's square output images (28 for MNIST).</summary>
    public static int ImageSide(Autoencoder model)
    {
        var side = (int)Math.Sqrt(model.OutputSize);
        return side * side == model.OutputSize
            ? side
            : throw new ArgumentException($"the model's {model.OutputSize} outputs are not a square image");
    }
}
