using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Tests.Imaging;

public class LabelledGridTests
{
    [Fact]
    public void GridSitsBelowTheTitleRightOfTheLabels()
    {
        var white = Enumerable.Repeat(1f, 2 * 4).ToArray();
        var image = LabelledGrid.Compose("T", ["a", "bb"], [white, white], columns: 2, height: 2, width: 2, scale: 1, padding: 1);
        var grid = DigitGrid.Compose([white, white], 2, 2, 2, scale: 1, padding: 1);
        // Title: glyph height 7 at scale 2 plus 8 px margins; labels: widest ("bb") at scale 2 plus a margin, after an 8 px margin.
        var top = 7 * 2 + 2 * 8;
        var left = 8 + BitmapFont.Measure("bb", 2) + 8;
        Assert.Equal(top + grid.Height, image.Height);
        Assert.Equal(left + grid.Width, image.Width);
        for (var y = 0; y < grid.Height; y++)
        {
            Assert.True(grid.Row(y).SequenceEqual(image.Row(top + y).Slice(left, grid.Width)));
        }

        // Ink in the title band and in the label column.
        Assert.Contains(image.Pixels.AsSpan(0, top * image.Width).ToArray(), p => p == 0);
        Assert.Contains(Enumerable.Range(top, grid.Height).SelectMany(y => image.Row(y)[..left].ToArray()), p => p < 255);
    }

    [Fact]
    public void LabelsMustMatchRows()
    {
        Assert.Throws<ArgumentException>(() => LabelledGrid.Compose("t", ["one"], [new float[4], new float[4]], 1, 2, 2));
    }
}
