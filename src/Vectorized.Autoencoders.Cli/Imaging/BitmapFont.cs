namespace Vectorized.Autoencoders.Imaging;

/// <summary>
/// A 5x7 pixel font for labels on raster figures (titles, legends, tick values), so a PNG
/// plot carries its own words without a font file. Covers digits, letters (lower case is
/// drawn as upper case) and common punctuation; other characters draw as a blank.
/// </summary>
internal static class BitmapFont
{
    public const int GlyphWidth = 5;
    public const int GlyphHeight = 7;

    /// <summary>Horizontal distance between glyph origins at scale 1 (one blank column between glyphs).</summary>
    public const int Advance = GlyphWidth + 1;

    // Each glyph: 7 rows of 5 columns, '#' = ink; designed for this project.
    private static readonly Dictionary<char, string> s_glyphs = new()
    {
        ['0'] = ".###.#...##..###.#.###..##...#.###.",
        ['1'] = "..#...##....#....#....#....#...###.",
        ['2'] = ".###.#...#....#...#...#...#...#####",
        ['3'] = "#####...#...#.....#.....##...#.###.",
        ['4'] = "...#...##..#.#.#..#.#####...#....#.",
        ['5'] = "######....####.....#....##...#.###.",
        ['6'] = "..##..#...#....####.#...##...#.###.",
        ['7'] = "#####....#...#...#...#....#....#...",
        ['8'] = ".###.#...##...#.###.#...##...#.###.",
        ['9'] = ".###.#...##...#.####....#...#..##..",
        ['A'] = ".###.#...##...#######...##...##...#",
        ['B'] = "####.#...##...#####.#...##...#####.",
        ['C'] = ".###.#...##....#....#....#...#.###.",
        ['D'] = "###..#..#.#...##...##...##..#.###..",
        ['E'] = "######....#....####.#....#....#####",
        ['F'] = "######....#....####.#....#....#....",
        ['G'] = ".###.#...##....#.####...##...#.####",
        ['H'] = "#...##...##...#######...##...##...#",
        ['I'] = ".###...#....#....#....#....#...###.",
        ['J'] = "..###...#....#....#....#.#..#..##..",
        ['K'] = "#...##..#.#.#..##...#.#..#..#.#...#",
        ['L'] = "#....#....#....#....#....#....#####",
        ['M'] = "#...###.###.#.##.#.##...##...##...#",
        ['N'] = "#...##...###..##.#.##..###...##...#",
        ['O'] = ".###.#...##...##...##...##...#.###.",
        ['P'] = "####.#...##...#####.#....#....#....",
        ['Q'] = ".###.#...##...##...##.#.##..#..##.#",
        ['R'] = "####.#...##...#####.#.#..#..#.#...#",
        ['S'] = ".#####....#.....###.....#....#####.",
        ['T'] = "#####..#....#....#....#....#....#..",
        ['U'] = "#...##...##...##...##...##...#.###.",
        ['V'] = "#...##...##...##...##...#.#.#...#..",
        ['W'] = "#...##...##...##.#.##.#.##.#.#.#.#.",
        ['X'] = "#...##...#.#.#...#...#.#.#...##...#",
        ['Y'] = "#...##...#.#.#...#....#....#....#..",
        ['Z'] = "#####....#...#...#...#...#....#####",
        ['.'] = "..............................##...",
        [','] = ".....................##....#...#...",
        [':'] = ".......##...##.........##...##.....",
        ['-'] = "...............#####...............",
        ['+'] = ".......#....#..#####..#....#.......",
        ['='] = "..........#####.....#####..........",
        ['('] = "...#...#...#....#....#.....#.....#.",
        [')'] = ".#.....#.....#....#....#...#...#...",
        ['/'] = ".........#...#...#...#...#.........",
        ['%'] = "##...##..#...#...#...#...#..##...##",
        ['_'] = "..............................#####",
        ['\''] = "..#....#...#.......................",
        ['!'] = "..#....#....#....#....#.........#..",
        ['?'] = ".###.#...#....#...#...#.........#..",
        ['['] = ".###..#....#....#....#....#....###.",
        [']'] = ".###....#....#....#....#....#..###.",
        ['|'] = "..#....#....#....#....#....#....#..",
        ['<'] = "...#...#...#...#.....#.....#.....#.",
        ['>'] = ".#.....#.....#.....#...#...#...#...",
    };

    /// <summary>Width in pixels of <paramref name="text"/> drawn at <paramref name="scale"/>.</summary>
    public static int Measure(string text, int scale = 1) => text.Length == 0 ? 0 : (text.Length * Advance - 1) * scale;

    /// <summary>True when <paramref name="c"/> has a glyph (letters of either case count).</summary>
    public static bool Has(char c) => s_glyphs.ContainsKey(char.ToUpperInvariant(c));

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public static void Draw(Raster target, int x, int y, string text, Rgb color, int scale = 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (s_glyphs.TryGetValue(char.ToUpperInvariant(c), out var glyph))
            {
                for (var row = 0; row < GlyphHeight; row++)
                {
                    for (var col = 0; col < GlyphWidth; col++)
                    {
                        if (glyph[row * GlyphWidth + col] == '#')
                        {
                            target.FillRectangle(x + col * scale, y + row * scale, scale, scale, color);
                        }
                    }
                }
            }

            x += Advance * scale;
        }
    }

    /// <summary>The 35 cells of a glyph, row-major ('#' = ink), for tests.</summary>
    internal static string? Glyph(char c) => s_glyphs.TryGetValue(char.ToUpperInvariant(c), out var g) ? g : null;
}
