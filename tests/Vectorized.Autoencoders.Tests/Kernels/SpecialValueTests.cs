using Vectorized.Autoencoders.Kernels;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>The extremes the oracle sweep draws rarely: overflow, underflow, infinities, zero signs.</summary>
public class SpecialValueTests
{
    public static TheoryData<Isa> Paths() => new(KernelCase.SupportedIsas());

    // Every special value at every position of a 37-element span, so it passes through the main
    // loop, the overlapping last vector and (on narrower paths) the scalar loop.
    private static float[] Apply(Action<float[], float[]> kernel, float special, int at)
    {
        var x = Enumerable.Repeat(0.5f, 37).ToArray();
        x[at] = special;
        var y = new float[x.Length];
        kernel(x, y);
        return y;
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void SigmoidSaturatesWithoutNaNOrInfinity(Isa isa)
    {
        for (var at = 0; at < 37; at++)
        {
            Assert.Equal(1f, Apply((x, y) => ElementWise.Sigmoid(x, y, isa), 100f, at)[at]);
            Assert.Equal(1f, Apply((x, y) => ElementWise.Sigmoid(x, y, isa), float.PositiveInfinity, at)[at]);
            var low = Apply((x, y) => ElementWise.Sigmoid(x, y, isa), -100f, at)[at];
            Assert.InRange(low, 0f, 1e-40f);
            Assert.Equal(0f, Apply((x, y) => ElementWise.Sigmoid(x, y, isa), float.NegativeInfinity, at)[at]);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void TanhSaturatesAndKeepsTheSignOfZero(Isa isa)
    {
        for (var at = 0; at < 37; at++)
        {
            Assert.Equal(1f, Apply((x, y) => ElementWise.Tanh(x, y, isa), 100f, at)[at]);
            Assert.Equal(-1f, Apply((x, y) => ElementWise.Tanh(x, y, isa), -100f, at)[at]);
            Assert.Equal(-1f, Apply((x, y) => ElementWise.Tanh(x, y, isa), float.NegativeInfinity, at)[at]);
            Assert.True(float.IsNegative(Apply((x, y) => ElementWise.Tanh(x, y, isa), -0f, at)[at]));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ExpAndLogHandleTheEndsOfTheRange(Isa isa)
    {
        for (var at = 0; at < 37; at++)
        {
            Assert.Equal(float.PositiveInfinity, Apply((x, y) => ElementWise.Exp(x, y, isa), 100f, at)[at]);
            Assert.Equal(0f, Apply((x, y) => ElementWise.Exp(x, y, isa), -200f, at)[at]);
            Assert.Equal(float.NegativeInfinity, Apply((x, y) => ElementWise.Log(x, y, isa), 0f, at)[at]);
            Assert.True(float.IsNaN(Apply((x, y) => ElementWise.Log(x, y, isa), -1f, at)[at]));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void ReluMapsNegativeZeroAndNaNToZero(Isa isa)
    {
        for (var at = 0; at < 37; at++)
        {
            Assert.Equal(0, BitConverter.SingleToInt32Bits(Apply((x, y) => ElementWise.Relu(x, y, isa), -0f, at)[at]));
            Assert.Equal(0f, Apply((x, y) => ElementWise.Relu(x, y, isa), float.NaN, at)[at]);
        }
    }
}
