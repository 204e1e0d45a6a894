using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Imaging;

namespace Vectorized.Autoencoders.Tests.Imaging;

public class PngWriterTests
{
    private static Raster RandomImage(int width, int height, int channels, int seed)
    {
        var image = new Raster(width, height, channels);
        var random = new Random(seed);
        // Mix of noise and gradients, so every filter type wins on some row.
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (y % 3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(i * 7 + y),
                    _ => (byte)(y * 11),
                };
            }
        }

        return image;
    }

    [Property(MaxTest = 60)]
    public Property DecodesBackToTheSamePixels()
    {
        var shapes = from w in Gen.Choose(1, 40)
                     from h in Gen.Choose(1, 40)
                     from rgb in ArbMap.Default.GeneratorFor<bool>()
                     from seed in Gen.Choose(0, 1000)
                     select (w, h, rgb ? 3 : 1, seed);
        return Prop.ForAll(shapes.ToArbitrary(), s =>
        {
            var (w, h, channels, seed) = s;
            var image = RandomImage(w, h, channels, seed);
            var decoded = PngDecoder.Decode(PngWriter.Encode(image));
            return decoded.Width == w && decoded.Height == h && decoded.Channels == channels
                && decoded.Pixels.AsSpan().SequenceEqual(image.Pixels);
        });
    }

    [Fact]
    public void ChunksAreIhdrIdatIend()
    {
        var png = PngWriter.Encode(RandomImage(5, 4, 3, 1));
        var types = PngDecoder.ReadChunks(png).Select(c => c.Type).ToArray();
        Assert.Equal(["IHDR", "IDAT", "IEND"], types);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);
    }

    [Fact]
    public void FilteringBeatsRawOnASmoothImage()
    {
        var image = new Raster(256, 64, 1);
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                image.Row(y)[x] = (byte)(x + y);
            }
        }

        var filtered = PngWriter.FilterRows(image);
        // A diagonal ramp: Sub or Up leaves rows of constant 1s, so no row should stay unfiltered.
        for (var y = 0; y < image.Height; y++)
        {
            Assert.NotEqual(0, filtered[y * (image.Width + 1)]);
        }
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(10, 20, 10, 20)]
    [InlineData(20, 10, 10, 20)]
    [InlineData(5, 9, 200, 5)]
    public void PaethPicksTheNearestNeighbour(int a, int b, int c, int expected)
    {
        Assert.Equal(expected, PngWriter.Paeth(a, b, c));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PassesPngcheck(int channels)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vecae-pngcheck-{channels}-{Environment.ProcessId}.png");
        try
        {
            RandomImage(97, 33, channels, 7).SavePng(path);
            var (code, output) = ExternalTool.Run("pngcheck", "-v", path);
            Assert.True(code == 0, output);
            Assert.Contains("No errors detected", output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
