namespace Vectorized.Autoencoders.Imaging;

/// <summary>
/// A <see cref="DigitGrid"/> with words on it: a title above and a label left of each row
/// ("original", "reconstruction"), drawn in the built-in pixel font, so the PNG explains
/// itself when opened on its own, outside the report.
/// </summary>
public static class LabelledGrid
{
    private const int TextScale = 2;
    private const int Margin = 8;

    /// <summary>Composes the grid (see <see cref="DigitGrid.Compose"/>) and adds the title and row labels.</summary>
    /// <param name="rows">Each row: [columns, height * width] floats in [0, 1].</param>
    public static Raster Compose(string title, IReadOnlyList<string> rowLabels, IReadOnlyList<float[]> rows, int columns, int height, int width, int scale = 3, int padding = 4)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(rows);
        if (rowLabels.Count != rows.Count)
        {
            throw new ArgumentException($"{rowLabels.Count} row labels for {rows.Count} rows.", nameof(rowLabels));
        }

        var grid = DigitGrid.Compose(rows, columns, height, width, scale, padding);
        var labelWidth = rowLabels.Count == 0 ? 0 : rowLabels.Max(l => BitmapFont.Measure(l, TextScale)) + Margin;
        var titleHeight = BitmapFont.GlyphHeight * TextScale + 2 * Margin;
        var totalWidth = Math.Max(Margin + labelWidth + grid.Width, 2 * Margin + BitmapFont.Measure(title, TextScale));
        var image = new Raster(totalWidth, titleHeight + grid.Height, channels: 1, fill: 255);

        BitmapFont.Draw(image, (totalWidth - BitmapFont.Measure(title, TextScale)) / 2, Margin, title, Rgb.Black, TextScale);
        var left = Margin + labelWidth;
        for (var y = 0; y < grid.Height; y++)
        {
            grid.Row(y).CopyTo(image.Row(titleHeight + y).Slice(left, grid.Width));
        }

        var cellHeight = height * scale;
        for (var r = 0; r < rowLabels.Count; r++)
        {
            var top = titleHeight + padding + r * (cellHeight + padding) + (cellHeight - BitmapFont.GlyphHeight * TextScale) / 2;
            BitmapFont.Draw(image, Margin, top, rowLabels[r], Rgb.Gray(60), TextScale);
        }

        return image;
    }
}
