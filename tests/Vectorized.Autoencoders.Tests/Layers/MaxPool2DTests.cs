using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Tests.Kernels;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// Max-pooling with saved argmax against the naive <see cref="MaxPool2DReference"/> (which finds every
/// maximum again) and central differences, over odd and even sizes, pools 1-3, strides 1-3, both
/// paddings; and the cases that decide semantics: Keras' same on 7x7 (ceil mode), ties, NaN.
/// </summary>
public class MaxPool2DTests
{
    [Property(MaxTest = 100)]
    public void RandomShapesMatchTheReferenceAndCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 202);
        var pool = 1 + rng.NextInt(3);
        var stride = 1 + rng.NextInt(pool);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        var g = new MaxPool2DGeometry(pool + rng.NextInt(8), pool + rng.NextInt(8), pool, stride, padding);
        var planes = 1 + rng.NextInt(4);
        var context = $"{g} planes {planes}";

        // Distinct values at least 0.01 apart, so a step of 1e-3 never changes a window's maximum.
        var order = Enumerable.Range(0, planes * g.InPlane).ToArray();
        rng.Shuffle(order);
        var x = order.Select(i => (float)(0.01 * (i - (order.Length / 2)))).ToArray();
        var y = new float[planes * g.OutPlane];
        var argmax = new int[y.Length];
        MaxPool2D.Forward(x, g, planes, y, argmax);
        var yRef = new float[y.Length];
        MaxPool2DReference.Forward(x, g, planes, yRef);
        Assert.Equal(yRef, y);

        var dy = LayerCheck.Random(ref rng, y.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        var dx = (float[])dx0.Clone();
        MaxPool2D.Backward(dy, argmax, g, planes, dx);
        var dxRef = (float[])dx0.Clone();
        MaxPool2DReference.Backward(dy, x, g, planes, dxRef);
        LayerCheck.Close(dx, dxRef, 1e-6, $"dx ({context})");

        double[] xd = LayerCheck.ToDouble(x), gd = LayerCheck.ToDouble(dy);
        double Loss() => LayerCheck.Dot(gd, DirectPool(xd, g, planes));
        LayerCheck.Gradient(dx.Select((v, i) => v - dx0[i]).ToArray(), xd, Loss, ref rng, 30, $"dx ({context})");
    }

    [Fact]
    public void SameOnSevenIsCeilModeTheLastWindowHoldingTheLastRowAndColumnAlone()
    {
        var g = new MaxPool2DGeometry(7, 7, 2, 2, Conv2DPadding.Same);
        Assert.Equal((4, 4, 0, 0), (g.OutHeight, g.OutWidth, g.PadTop, g.PadLeft));
        // Strictly negative values: a zero-padded pool would wrongly report 0 in the last row and column.
        var x = Enumerable.Range(0, 49).Select(i => -1f - i).ToArray();
        var y = new float[16];
        var argmax = new int[16];
        MaxPool2D.Forward(x, g, 1, y, argmax);
        Assert.Equal(new[] { 0, 2, 4, 6, 14, 16, 18, 20, 28, 30, 32, 34, 42, 44, 46, 48 }, argmax);
        Assert.Equal(-49f, y[15]);
    }

    [Fact]
    public void TiesGoToTheFirstIndexAndOverlappingWindowsAddTheirGradients()
    {
        var g = new MaxPool2DGeometry(3, 3, 2, 1, Conv2DPadding.Valid);
        var x = new float[9];
        x.AsSpan().Fill(1f);
        var y = new float[4];
        var argmax = new int[4];
        MaxPool2D.Forward(x, g, 1, y, argmax);
        Assert.Equal(new[] { 0, 1, 3, 4 }, argmax);
        var dx = new float[9];
        x[4] = 2f; // the centre is in all four windows
        MaxPool2D.Forward(x, g, 1, y, argmax);
        MaxPool2D.Backward([1f, 2f, 3f, 4f], argmax, g, 1, dx);
        Assert.Equal(10f, dx[4]);
        Assert.Equal(10f, dx.Sum());
    }

    [Fact]
    public void NanWinsItsWindowAsInPyTorch()
    {
        var g = new MaxPool2DGeometry(2, 2, 2, 2, Conv2DPadding.Valid);
        var y = new float[1];
        var argmax = new int[1];
        MaxPool2D.Forward([1f, float.NaN, 3f, 2f], g, 1, y, argmax);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal(1, argmax[0]);
    }

    [Theory]
    [InlineData(28, 28, true)]
    [InlineData(7, 7, true)] // ceil mode: the last row and column left to the general loop
    [InlineData(9, 6, false)]
    public void TwoByTwoWindowsKeepTheRuleOnTiesNanAndInfinityAndAnyThreadCount(int height, int width, bool same)
    {
        var g = new MaxPool2DGeometry(height, width, 2, 2, same ? Conv2DPadding.Same : Conv2DPadding.Valid);
        const int planes = 37;
        var rng = new Xoshiro256(5);
        // Few distinct values, so ties are common, and NaNs (several per window at times) and -inf.
        float[] values = [0f, 1f, 2f, float.NaN, float.NegativeInfinity, -1f];
        var x = new float[planes * g.InPlane];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = values[rng.NextInt(values.Length)];
        }

        var y = new float[planes * g.OutPlane];
        var argmax = new int[y.Length];
        MaxPool2D.Forward(x, g, planes, y, argmax);
        for (var p = 0; p < planes; p++)
        {
            for (var oy = 0; oy < g.OutHeight; oy++)
            {
                for (var ox = 0; ox < g.OutWidth; ox++)
                {
                    // Row-major scan from -inf: a greater value or a NaN takes over.
                    var (best, at) = (float.NegativeInfinity, (2 * oy * width) + (2 * ox));
                    for (var iy = 2 * oy; iy < Math.Min((2 * oy) + 2, height); iy++)
                    {
                        for (var ix = 2 * ox; ix < Math.Min((2 * ox) + 2, width); ix++)
                        {
                            var v = x[(p * g.InPlane) + (iy * width) + ix];
                            (best, at) = v > best || float.IsNaN(v) ? (v, (iy * width) + ix) : (best, at);
                        }
                    }

                    var o = (p * g.OutPlane) + (oy * g.OutWidth) + ox;
                    Assert.Equal(at, argmax[o]);
                    Assert.Equal(best, y[o]);
                }
            }
        }

        var y2 = new float[y.Length];
        var argmax2 = new int[y.Length];
        MaxPool2DParallel.Forward(x, g, planes, y2, argmax2, threads: 2);
        Assert.Equal(argmax, argmax2);
        Assert.Equal(y, y2);
        var dy = LayerCheck.Random(ref rng, y.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        float[] dx = (float[])dx0.Clone(), dx2 = (float[])dx0.Clone();
        MaxPool2D.Backward(dy, argmax, g, planes, dx);
        MaxPool2DParallel.Backward(dy, argmax, g, planes, dx2, threads: 2);
        Assert.Equal(dx, dx2);
    }

    [Theory]
    [InlineData(28, 28)]
    [InlineData(14, 15)]
    [InlineData(2, 3)]
    [InlineData(6, 70)]
    public void TwoByTwoWindowsGiveTheSameOnEveryPath(int height, int width)
    {
        var rng = new Xoshiro256((ulong)((height * 100) + width));
        float[] values = [0f, 1f, 2f, float.NaN, float.NegativeInfinity, -1f];
        // The plane ends where the last window does: a shifted load past it would leave the array.
        var plane = new float[height * width];
        for (var i = 0; i < plane.Length; i++)
        {
            plane[i] = values[rng.NextInt(values.Length)];
        }

        int rows = height / 2, columns = width / 2;
        var expected = new float[rows * columns];
        var expectedAt = new int[rows * columns];
        MaxPool2DTwoByTwo.Forward(plane, width, rows, columns, columns, expected, expectedAt, Isa.Scalar);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var y = new float[rows * columns];
            var at = new int[rows * columns];
            MaxPool2DTwoByTwo.Forward(plane, width, rows, columns, columns, y, at, isa);
            Assert.Equal(expectedAt, at);
            Assert.Equal(expected, y);
        }
    }

    // Keras' same padding written out again; padding never wins.
    // x: [planes, h, w]; returns [planes, oh, ow]
    internal static double[] DirectPool(double[] x, MaxPool2DGeometry g, int planes)
    {
        int p = g.Pool, s = g.Stride;
        var same = g.Padding == Conv2DPadding.Same;
        int oh = same ? (g.InHeight + s - 1) / s : ((g.InHeight - p) / s) + 1;
        int ow = same ? (g.InWidth + s - 1) / s : ((g.InWidth - p) / s) + 1;
        int top = same ? Math.Max(((oh - 1) * s) + p - g.InHeight, 0) / 2 : 0;
        int left = same ? Math.Max(((ow - 1) * s) + p - g.InWidth, 0) / 2 : 0;
        var y = new double[planes * oh * ow];
        for (var c = 0; c < planes; c++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    var best = double.NegativeInfinity;
                    for (var iy = (oy * s) - top; iy < (oy * s) - top + p; iy++)
                    {
                        for (var ix = (ox * s) - left; ix < (ox * s) - left + p; ix++)
                        {
                            if (iy >= 0 && iy < g.InHeight && ix >= 0 && ix < g.InWidth)
                            {
                                best = Math.Max(best, x[(((c * g.InHeight) + iy) * g.InWidth) + ix]);
                            }
                        }
                    }

                    y[(((c * oh) + oy) * ow) + ox] = best;
                }
            }
        }

        return y;
    }
}
