using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The im2col + SGEMM convolution against the naive <see cref="Conv2DReference"/> and against central
/// differences of a double-precision direct convolution written here, over random shapes (kernels
/// 1-5, strides 1-2, same and valid padding, batches 1-4, kernels wider than the input included),
/// random im2col run lengths and accumulation onto non-zero gradients.
/// </summary>
public class Conv2DTests
{
    [Property(MaxTest = 80)]
    public void RandomShapesMatchTheReferenceAndCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 101);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        int kh = 1 + rng.NextInt(5), kw = 1 + rng.NextInt(5);
        var minH = padding == Conv2DPadding.Valid ? kh : 1;
        var minW = padding == Conv2DPadding.Valid ? kw : 1;
        var g = new Conv2DGeometry(1 + rng.NextInt(3), 1 + rng.NextInt(4), minH + rng.NextInt(7), minW + rng.NextInt(7), kh, kw, 1 + rng.NextInt(2), padding);
        var batch = 1 + rng.NextInt(4);
        var run = 1 + rng.NextInt(batch);
        var x = LayerCheck.Random(ref rng, g.InChannels * batch * g.InPlane);
        var w = LayerCheck.Random(ref rng, g.WeightCount);
        var b = LayerCheck.Random(ref rng, g.OutChannels);
        var dy = LayerCheck.Random(ref rng, g.OutChannels * batch * g.OutPlane);
        var context = $"{g} batch {batch} run {run}";

        var col = new float[Conv2D.ScratchLength(g, run)];
        var y = new float[dy.Length];
        Conv2D.Forward(x, w, b, g, batch, 1, y, col);
        var yRef = new float[dy.Length];
        Conv2DReference.Forward(x, w, b, g, batch, yRef);
        LayerCheck.Close(y, yRef, 1e-5, $"y ({context})");

        // Non-zero starting gradients: backward must add onto them.
        var dw0 = LayerCheck.Random(ref rng, w.Length);
        var db0 = LayerCheck.Random(ref rng, b.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        float[] dw = (float[])dw0.Clone(), db = (float[])db0.Clone(), dx = (float[])dx0.Clone();
        Conv2D.Backward(dy, x, w, g, batch, 1, dw, db, dx, col);
        float[] dwRef = (float[])dw0.Clone(), dbRef = (float[])db0.Clone(), dxRef = (float[])dx0.Clone();
        Conv2DReference.Backward(dy, x, w, g, batch, dwRef, dbRef, dxRef);
        LayerCheck.Close(dw, dwRef, 1e-5, $"dw ({context})");
        LayerCheck.Close(db, dbRef, 1e-5, $"db ({context})");
        LayerCheck.Close(dx, dxRef, 1e-5, $"dx ({context})");

        double[] xd = LayerCheck.ToDouble(x), wd = LayerCheck.ToDouble(w), bd = LayerCheck.ToDouble(b), gd = LayerCheck.ToDouble(dy);
        double Loss() => LayerCheck.Dot(gd, DirectConvolution(xd, wd, bd, g, batch));
        LayerCheck.Gradient(Subtract(dw, dw0), wd, Loss, ref rng, 12, $"dw ({context})");
        LayerCheck.Gradient(Subtract(db, db0), bd, Loss, ref rng, 4, $"db ({context})");
        LayerCheck.Gradient(Subtract(dx, dx0), xd, Loss, ref rng, 12, $"dx ({context})");
    }

    [Theory]
    [InlineData(28, 3, 1, true, 28, 1)]
    [InlineData(28, 3, 2, true, 14, 0)] // TF: the odd unit of padding goes below / right
    [InlineData(7, 3, 2, true, 4, 1)]
    [InlineData(8, 4, 1, true, 8, 1)]
    [InlineData(16, 3, 1, false, 14, 0)]
    [InlineData(28, 5, 2, false, 12, 0)]
    [InlineData(2, 5, 1, true, 2, 2)]
    public void OutputSizesAndPaddingFollowKeras(int input, int kernel, int stride, bool same, int output, int before)
    {
        var g = new Conv2DGeometry(1, 1, input, input, kernel, kernel, stride, same ? Conv2DPadding.Same : Conv2DPadding.Valid);
        Assert.Equal((output, output, before, before), (g.OutHeight, g.OutWidth, g.PadTop, g.PadLeft));
    }

    [Fact]
    public void ValidWindowLargerThanTheInputIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2DGeometry(1, 1, 2, 5, 3, 3, 1, Conv2DPadding.Valid));

    [Fact]
    public void TooSmallScratchIsRejected()
    {
        var g = new Conv2DGeometry(2, 3, 5, 5, 3, 3, 1, Conv2DPadding.Same);
        var y = new float[3 * 5 * 5];
        Assert.Throws<ArgumentException>(() => Conv2D.Forward(new float[50], new float[g.WeightCount], new float[3], g, 1, 1, y, new float[Conv2D.ScratchLength(g, 1) - 1]));
    }

    [Theory]
    [InlineData(1, 16, 28, true)] // the conv autoencoder's first layer
    [InlineData(8, 16, 16, false)] // its one valid layer, 16 -> 14
    [InlineData(32, 32, 14, true)] // the denoiser's widest, im2col depth 288 (SGEMM's packed path)
    public void ModelLayersAreBitwiseIdenticalForOneAndTwoThreadsAndAnyRunLength(int inChannels, int outChannels, int size, bool same)
    {
        var g = new Conv2DGeometry(inChannels, outChannels, size, size, 3, 3, 1, same ? Conv2DPadding.Same : Conv2DPadding.Valid);
        const int batch = 3;
        var rng = new Xoshiro256(7);
        var x = LayerCheck.Random(ref rng, inChannels * batch * g.InPlane, 0, 1);
        var w = LayerCheck.Random(ref rng, g.WeightCount, -0.2, 0.2);
        var b = LayerCheck.Random(ref rng, outChannels, -0.1, 0.1);
        var dy = LayerCheck.Random(ref rng, outChannels * batch * g.OutPlane);
        var one = Run(g, batch, x, w, b, dy, threads: 1, run: batch);
        var two = Run(g, batch, x, w, b, dy, threads: 2, run: batch);
        for (var i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i], two[i]);
        }

        // Outputs and input gradients never depend on how many images one GEMM covers.
        var single = Run(g, batch, x, w, b, dy, threads: 2, run: 1);
        Assert.Equal(one[0], single[0]);
        Assert.Equal(one[3], single[3]);
    }

    [Fact]
    public void ForwardAndBackwardAllocateNothingOnceWarm()
    {
        var g = new Conv2DGeometry(4, 8, 14, 14, 3, 3, 2, Conv2DPadding.Same);
        const int batch = 4;
        var rng = new Xoshiro256(3);
        var x = LayerCheck.Random(ref rng, 4 * batch * g.InPlane);
        var w = LayerCheck.Random(ref rng, g.WeightCount);
        var b = new float[8];
        var y = new float[8 * batch * g.OutPlane];
        float[] dw = new float[w.Length], db = new float[8], dx = new float[x.Length];
        var col = new float[Conv2D.ScratchLength(g, 2)];
        Conv2D.Forward(x, w, b, g, batch, 1, y, col);
        Conv2D.Backward(y, x, w, g, batch, 1, dw, db, dx, col);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Conv2D.Forward(x, w, b, g, batch, 1, y, col);
        Conv2D.Backward(y, x, w, g, batch, 1, dw, db, dx, col);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Returns y, dw, db, dx, each from zeroed gradients.
    private static float[][] Run(in Conv2DGeometry g, int batch, float[] x, float[] w, float[] b, float[] dy, int threads, int run)
    {
        var col = new float[Conv2D.ScratchLength(g, run)];
        var y = new float[dy.Length];
        Conv2D.Forward(x, w, b, g, batch, threads, y, col);
        float[] dw = new float[w.Length], db = new float[b.Length], dx = new float[x.Length];
        Conv2D.Backward(dy, x, w, g, batch, threads, dw, db, dx, col);
        return [y, dw, db, dx];
    }

    private static float[] Subtract(float[] a, float[] b) => a.Select((v, i) => v - b[i]).ToArray();

    // The test's own oracle: padding derived from Keras' rule written out again, not from the geometry.
    // x: [in, batch, h, w], w: [out, in, kh, kw]; returns [out, batch, oh, ow]
    internal static double[] DirectConvolution(double[] x, double[] w, double[] b, Conv2DGeometry g, int batch)
    {
        int s = g.Stride, kh = g.KernelHeight, kw = g.KernelWidth;
        int oh, ow, top, left;
        if (g.Padding == Conv2DPadding.Same)
        {
            oh = (int)Math.Ceiling(g.InHeight / (double)s);
            ow = (int)Math.Ceiling(g.InWidth / (double)s);
            top = Math.Max(((oh - 1) * s) + kh - g.InHeight, 0) / 2;
            left = Math.Max(((ow - 1) * s) + kw - g.InWidth, 0) / 2;
        }
        else
        {
            (oh, ow, top, left) = (((g.InHeight - kh) / s) + 1, ((g.InWidth - kw) / s) + 1, 0, 0);
        }

        var y = new double[g.OutChannels * batch * oh * ow];
        for (var o = 0; o < g.OutChannels; o++)
        {
            for (var n = 0; n < batch; n++)
            {
                for (var oy = 0; oy < oh; oy++)
                {
                    for (var ox = 0; ox < ow; ox++)
                    {
                        var sum = b[o];
                        for (var c = 0; c < g.InChannels; c++)
                        {
                            for (var ky = 0; ky < kh; ky++)
                            {
                                for (var kx = 0; kx < kw; kx++)
                                {
                                    int iy = (oy * s) + ky - top, ix = (ox * s) + kx - left;
                                    if (iy >= 0 && iy < g.InHeight && ix >= 0 && ix < g.InWidth)
                                    {
                                        sum += w[(((((o * g.InChannels) + c) * kh) + ky) * kw) + kx] * x[(((((c * batch) + n) * g.InHeight) + iy) * g.InWidth) + ix];
                                    }
                                }
                            }
                        }

                        y[(((((o * batch) + n) * oh) + oy) * ow) + ox] = sum;
                    }
                }
            }
        }

        return y;
    }
}
