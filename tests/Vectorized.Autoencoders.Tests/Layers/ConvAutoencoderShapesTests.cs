using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Tests.Data;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>The two convolutional autoencoders' shapes against those PyTorch gives for pytorch_convae.py's modules (tests/Golden/conv-layers.json).</summary>
public class ConvAutoencoderShapesTests
{
    [Theory]
    [InlineData("small")]
    [InlineData("denoise")]
    public void EveryLayerHasThePyTorchScriptsShape(string arch)
    {
        var root = RepositoryPaths.GoldenJson("conv-layers.json");
        var expected = root.GetProperty("modelShapes").GetProperty(arch).EnumerateArray()
            .Select(s => s.EnumerateArray().Select(v => v.GetInt32()).ToArray())
            .Select(s => new ConvShape(s[0], s[1], s[2])).ToArray();
        var layers = arch == "small" ? ConvAutoencoderShapes.Small : ConvAutoencoderShapes.Denoising;
        Assert.Equal(expected, ConvAutoencoderShapes.Trace(new ConvShape(1, 28, 28), layers));
    }

    [Fact]
    public void TheSmallModelsCodeIsFourByFourByEightAndItsDecoderGoesFourEightSixteenFourteenTwentyEight()
    {
        var shapes = ConvAutoencoderShapes.Trace(new ConvShape(1, 28, 28), ConvAutoencoderShapes.Small);
        Assert.Equal(new ConvShape(8, 4, 4), shapes[5]);
        Assert.Equal(new[] { 28, 14, 14, 7, 7, 4, 4, 8, 8, 16, 14, 28, 28 }, shapes.Select(s => s.Height));
    }
}
