namespace Vectorized.Autoencoders.Imaging;

/// <summary>An 8-bit RGB colour.</summary>
public readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb White => new(255, 255, 255);

    public static Rgb Black => new(0, 0, 0);

    /// <summary>A gray level: R = G = B = <paramref name="level"/>.</summary>
    public static Rgb Gray(byte level) => new(level, level, level);

    /// <summary>Rec. 601 luma, for drawing a colour into a grayscale image.</summary>
    public byte Luma => (byte)Math.Clamp((int)Math.Round(0.299 * R + 0.587 * G + 0.114 * B), 0, 255);

    /// <summary>CSS hex form, <c>#rrggbb</c>, for SVG and HTML.</summary>
    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";
}
