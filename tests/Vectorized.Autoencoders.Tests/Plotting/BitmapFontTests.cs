using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Tests.Plotting;

public class BitmapFontTests
{
    [Fact]
    public void EveryDigitAndLetterHasADistinctFullSizeGlyph()
    {
        var glyphs = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".Select(c => BitmapFont.Glyph(c)).ToArray();
        Assert.All(glyphs, g => Assert.Equal(35, g!.Length));
        Assert.Equal(glyphs.Length, glyphs.Distinct().Count());
        Assert.True(BitmapFont.Has('q'));
    }

    [Fact]
    public void DrawsInkOnlyInsideTheMeasuredBox()
    {
        var image = new Raster(40, 20, 1, fill: 255);
        BitmapFont.Draw(image, 2, 3, "A1", Rgb.Black, scale: 2);
        var width = BitmapFont.Measure("A1", 2);
        var ink = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (image.Row(y)[x] == 0)
                {
                    ink++;
                    Assert.InRange(x, 2, 2 + width - 1);
                    Assert.InRange(y, 3, 3 + 14 - 1);
                }
            }
        }

        Assert.True(ink > 20);
    }
}
