using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Tests.Imaging;
using Vectorized.Autoencoders.Tests.Plotting;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

public class ArticleFiguresTests
{
    [Fact]
    public void DenoisingHasOneRowMoreThanReconstructions()
    {
        var digits = new float[5 * 784];
        var two = ArticleFigures.Reconstructions("r", digits, digits, 5);
        var three = ArticleFigures.Denoising("d", digits, digits, digits, 5);
        // One more row: a 28 px digit at scale 3 plus 4 px padding.
        Assert.Equal(two.Height + 28 * 3 + 4, three.Height);
    }

    [Fact]
    public void FiltersShowTheRequestedUnitsScaledToFullRange()
    {
        // Unit u's weights are u + pixel index: after min-max scaling every filter is the same ramp.
        var weights = new float[32 * 784];
        for (var u = 0; u < 32; u++)
        {
            for (var i = 0; i < 784; i++)
            {
                weights[u * 784 + i] = u * 1000 + i;
            }
        }

        var image = ArticleFigures.Filters("f", weights, 32, first: 20, count: 10);
        var decoded = PngDecoder.Decode(Vectorized.Autoencoders.Imaging.PngWriter.Encode(image));
        Assert.Contains((byte)0, decoded.Pixels);
        Assert.Throws<ArgumentOutOfRangeException>(() => ArticleFigures.Filters("f", weights, 32, first: 25, count: 10));
    }

    [Fact]
    public void PlotsCarryTheirAxisNames()
    {
        var loss = SvgAssert.Parse(ArticleFigures.LossHistory("Loss", [("standard", [0.2, 0.1]), ("sparse", [0.3, 0.2])]));
        SvgAssert.HasTitleAndAxes(loss, "Loss", "epoch", "training loss (binary cross-entropy)");
        var density = SvgAssert.Parse(ArticleFigures.CodeDensity("Codes", [("standard", [1f, 2f, 3f]), ("sparse", [0f, 0.5f])], codeUnits: 20));
        Assert.Equal(["standard", "sparse"], SvgAssert.SeriesNames(density));
        SvgAssert.HasTitleAndAxes(density, "Codes", "code value (activation of the 20 code units, all test images)", "density (fraction of values per unit)");
    }
}
