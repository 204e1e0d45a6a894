namespace Vectorized.Autoencoders.Imaging;

/// <summary>
/// Lays out rows of small grayscale images (MNIST digits, decoded outputs, filters) into one
/// picture: the article's figures are rows of 28x28 digits, e.g. originals over their
/// reconstructions. Each pixel is upscaled to a <c>scale</c> x <c>scale</c> block so the
/// digits are readable in a report, with <c>padding</c> pixels of background between them.
/// </summary>
public static class DigitGrid
{
    /// <summary>
    /// Draws <paramref name="rows"/>.Count rows of <paramref name="columns"/> images each.
    /// Pixel values are in [0, 1] (0 black, 1 white), clamped; NaN draws as black.
    /// </summary>
    /// <param name="rows">Each row: [columns, height * width] floats, images one after another.</param>
    public static Raster Compose(IReadOnlyList<float[]> rows, int columns, int height, int width, int scale = 3, int padding = 4, byte background = 255)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var imageSize = height * width;
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != columns * imageSize)
            {
                throw new ArgumentException($"Row {r} holds {rows[r].Length} values; expected {columns} images of {height}x{width} = {columns * imageSize}.", nameof(rows));
            }
        }

        var cellWidth = width * scale;
        var cellHeight = height * scale;
        var raster = new Raster(
            padding + columns * (cellWidth + padding),
            padding + rows.Count * (cellHeight + padding),
            channels: 1,
            fill: background);

        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var image = rows[r].AsSpan(c * imageSize, imageSize);
                var left = padding + c * (cellWidth + padding);
                var top = padding + r * (cellHeight + padding);
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        var level = ToByte(image[y * width + x]);
                        for (var dy = 0; dy < scale; dy++)
                        {
                            raster.Row(top + y * scale + dy).Slice(left + x * scale, scale).Fill(level);
                        }
                    }
                }
            }
        }

        return raster;
    }

    /// <summary>Maps [0, 1] to 0..255 with rounding; values outside are clamped and NaN is 0.</summary>
    public static byte ToByte(float value)
    {
        if (!(value > 0f))
        {
            return 0;
        }

        return value >= 1f ? (byte)255 : (byte)MathF.Round(value * 255f);
    }
}
