using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Plotting;

/// <summary>Ten distinguishable colours (the widely used "category10" set), one per digit class or series.</summary>
public static class Palette
{
    private static readonly Rgb[] s_colors =
    [
        new(0x1f, 0x77, 0xb4), new(0xff, 0x7f, 0x0e), new(0x2c, 0xa0, 0x2c), new(0xd6, 0x27, 0x28), new(0x94, 0x67, 0xbd),
        new(0x8c, 0x56, 0x4b), new(0xe3, 0x77, 0xc2), new(0x7f, 0x7f, 0x7f), new(0xbc, 0xbd, 0x22), new(0x17, 0xbe, 0xcf),
    ];

    /// <summary>Colour <paramref name="index"/>, cycling after ten.</summary>
    public static Rgb Color(int index) => s_colors[((index % s_colors.Length) + s_colors.Length) % s_colors.Length];
}
