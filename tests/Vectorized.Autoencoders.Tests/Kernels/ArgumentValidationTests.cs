using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>Mismatched shapes and unsafe aliasing are refused before any element is written.</summary>
public class ArgumentValidationTests
{
    [Fact]
    public void MismatchedLengthsThrowAndWriteNothing()
    {
        var destination = new float[4];
        Assert.Throws<ArgumentException>(() => ElementWise.Add(new float[4], new float[5], destination));
        Assert.Throws<ArgumentException>(() => ElementWise.Relu(new float[] { 1, 2, 3 }, destination));
        Assert.Throws<ArgumentException>(() => ElementWise.Scale(new float[] { 1, 2, 3, 4, 5 }, 2f, destination));
        Assert.Throws<ArgumentException>(() => ElementWise.MultiplyAdd(new float[4], new float[4], new float[3], destination));
        Assert.Throws<ArgumentException>(() => ElementWise.AddScaled(new float[3], 1f, destination));
        Assert.All(destination, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void ShiftedOverlapIsRefusedButExactInPlaceIsAllowed()
    {
        var buffer = Enumerable.Range(0, 40).Select(i => (float)i).ToArray();
        Assert.Throws<ArgumentException>(() => ElementWise.Scale(buffer.AsSpan(0, 32), 2f, buffer.AsSpan(1, 32)));
        Assert.Throws<ArgumentException>(() => ElementWise.Add(buffer.AsSpan(0, 32), buffer.AsSpan(8, 32), buffer.AsSpan(4, 32)));
        ElementWise.Scale(buffer.AsSpan(0, 32), 2f, buffer.AsSpan(0, 32));
        Assert.Equal(62f, buffer[31]);
        Assert.Equal(32f, buffer[32]);
    }

    [Fact]
    public void InvertedClampBoundsThrow() =>
        Assert.Throws<ArgumentException>(() => ElementWise.Clamp(new float[4], 1f, 0f, new float[4]));
}
