namespace Vectorized.Autoencoders.Imaging;

/// <summary>
/// An 8-bit image in memory: <see cref="Channels"/> = 1 (grayscale) or 3 (RGB), rows top to
/// bottom, pixels left to right, channels interleaved. The one image type the PNG writer,
/// the digit grids and the scatter rasteriser share.
/// </summary>
public sealed class Raster
{
    public Raster(int width, int height, int channels, byte fill = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Only grayscale (1) and RGB (3) are supported.");
        }

        // Checked: a figure never comes near int.MaxValue bytes, and a caller's mistake should not wrap around.
        var length = checked(width * height * channels);
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = new byte[length];
        if (fill != 0)
        {
            Pixels.AsSpan().Fill(fill);
        }
    }

    public int Width { get; }

    public int Height { get; }

    public int Channels { get; }

    /// <summary>pixels: [height, width, channels]</summary>
    public byte[] Pixels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * Channels;

    /// <summary>One row's bytes: [width, channels].</summary>
    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    /// <summary>Sets one pixel to a gray value (grayscale) or a colour (RGB); outside the image is ignored, so shapes clip.</summary>
    public void Set(int x, int y, Rgb color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        var i = (y * Width + x) * Channels;
        if (Channels == 1)
        {
            Pixels[i] = color.Luma;
        }
        else
        {
            Pixels[i] = color.R;
            Pixels[i + 1] = color.G;
            Pixels[i + 2] = color.B;
        }
    }

    /// <summary>Fills an axis-aligned rectangle (clipped to the image).</summary>
    public void FillRectangle(int x, int y, int width, int height, Rgb color)
    {
        var x0 = Math.Max(0, x);
        var y0 = Math.Max(0, y);
        var x1 = Math.Min(Width, x + width);
        var y1 = Math.Min(Height, y + height);
        for (var yy = y0; yy < y1; yy++)
        {
            for (var xx = x0; xx < x1; xx++)
            {
                Set(xx, yy, color);
            }
        }
    }

    /// <summary>Fills a disc centred at (<paramref name="cx"/>, <paramref name="cy"/>), clipped to the image; a non-finite centre draws nothing.</summary>
    public void FillCircle(double cx, double cy, double radius, Rgb color)
    {
        if (!double.IsFinite(cx) || !double.IsFinite(cy) || !(radius >= 0) || !double.IsFinite(radius))
        {
            return;
        }

        // Clip in doubles before the casts: a centre far outside would otherwise make a loop of billions of pixels.
        var r2 = radius * radius;
        var x0 = (int)Math.Max(0, Math.Floor(cx - radius));
        var x1 = (int)Math.Min(Width - 1, Math.Ceiling(cx + radius));
        var y0 = (int)Math.Max(0, Math.Floor(cy - radius));
        var y1 = (int)Math.Min(Height - 1, Math.Ceiling(cy + radius));
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                // Pixel centres at +0.5, so a radius-1 disc is a plus-shaped 4-pixel blob, not one pixel.
                var dx = x + 0.5 - cx;
                var dy = y + 0.5 - cy;
                if (dx * dx + dy * dy <= r2)
                {
                    Set(x, y, color);
                }
            }
        }
    }

    /// <summary>Writes this image as a PNG file.</summary>
    public void SavePng(string path) => PngWriter.WriteFile(path, this);
}
