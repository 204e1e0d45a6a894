using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Tests.Imaging;

public class DigitGridTests
{
    [Fact]
    public void SizeIsPaddingPlusScaledCells()
    {
        var rows = new[] { new float[5 * 28 * 28], new float[5 * 28 * 28] };
        var grid = DigitGrid.Compose(rows, columns: 5, height: 28, width: 28, scale: 2, padding: 3);
        Assert.Equal(3 + 5 * (56 + 3), grid.Width);
        Assert.Equal(3 + 2 * (56 + 3), grid.Height);
        Assert.Equal(1, grid.Channels);
    }

    [Fact]
    public void EachPixelBecomesAScaledBlockInItsCell()
    {
        // Two 2x2 images in one row; image 1's pixel (1,0) is white, everything else black.
        var row = new float[2 * 4];
        row[4 + 1] = 1f;
        var grid = DigitGrid.Compose([row], columns: 2, height: 2, width: 2, scale: 3, padding: 1, background: 128);
        // Image 1 starts at x = 1 + (6 + 1) = 8; its pixel (x=1, y=0) covers x 11..13, y 1..3.
        for (var y = 0; y < grid.Height; y++)
        {
            for (var x = 0; x < grid.Width; x++)
            {
                var inCell = (x is >= 1 and < 7 || x is >= 8 and < 14) && y is >= 1 and < 7;
                var white = x is >= 11 and < 14 && y is >= 1 and < 4;
                byte expected = white ? (byte)255 : inCell ? (byte)0 : (byte)128;
                Assert.Equal(expected, grid.Row(y)[x]);
            }
        }
    }

    [Fact]
    public void WrongRowLengthIsRejected()
    {
        Assert.Throws<ArgumentException>(() => DigitGrid.Compose([new float[10]], 1, 3, 3));
    }

    [Theory]
    [InlineData(-1f, 0)]
    [InlineData(float.NaN, 0)]
    [InlineData(0.5f, 128)]
    [InlineData(1f, 255)]
    [InlineData(7f, 255)]
    public void ToByteClampsAndRounds(float value, byte expected) => Assert.Equal(expected, DigitGrid.ToByte(value));
}
