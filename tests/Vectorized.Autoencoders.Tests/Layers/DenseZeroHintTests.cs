using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The walk's hint that a gradient is still zero lets a dense layer write it (its GEMMs' beta 0)
/// instead of adding to it: the values must be the ones adding to zero gives, and without the hint
/// the layer must still add (a loss term may have written the input gradient first).
/// </summary>
public class DenseZeroHintTests
{
    private static float[] Draw(Random rng, int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2) - 1))];

    [Theory]
    [InlineData(1, 3, 2)]
    [InlineData(32, 784, 128)]
    [InlineData(7, 33, 17)]
    [InlineData(128, 64, 32)]
    public void WritingWhatIsZeroEqualsAddingToZero(int batch, int inputSize, int outputSize)
    {
        var rng = new Random(batch * 1000 + inputSize);
        var layer = new LinearLayer(inputSize, outputSize);
        var x = Draw(rng, batch * inputSize);
        var dy = Draw(rng, batch * outputSize);
        var parameters = Draw(rng, layer.ParameterCount);

        var (addedParameters, addedDx) = (new float[layer.ParameterCount], new float[batch * inputSize]);
        layer.Backward(x, [], dy, parameters, batch, 1, addedParameters, addedDx, default, dParametersAreZero: false, dxIsZero: false);

        // Garbage in the buffers: with the hints, none of it may survive.
        var writtenParameters = Enumerable.Repeat(float.NaN, layer.ParameterCount).ToArray();
        var writtenDx = Enumerable.Repeat(float.NaN, batch * inputSize).ToArray();
        var weights = outputSize * inputSize;
        writtenParameters.AsSpan(weights).Clear(); // the bias sums still add: the walk zeroes it with the rest
        layer.Backward(x, [], dy, parameters, batch, 1, writtenParameters, writtenDx, default, dParametersAreZero: true, dxIsZero: true);

        Assert.Equal(addedParameters, writtenParameters);
        Assert.Equal(addedDx, writtenDx);
    }

    [Fact]
    public void WithoutTheHintTheInputGradientStillAdds()
    {
        var rng = new Random(5);
        var layer = new LinearLayer(10, 4);
        var x = Draw(rng, 3 * 10);
        var dy = Draw(rng, 3 * 4);
        var parameters = Draw(rng, layer.ParameterCount);
        var fromZero = new float[30];
        layer.Backward(x, [], dy, parameters, 3, 1, new float[layer.ParameterCount], fromZero, default, dParametersAreZero: true, dxIsZero: true);

        var onTop = Enumerable.Repeat(1f, 30).ToArray();
        layer.Backward(x, [], dy, parameters, 3, 1, new float[layer.ParameterCount], onTop, default, dParametersAreZero: true, dxIsZero: false);
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(1f + fromZero[i], onTop[i]);
        }
    }
}
