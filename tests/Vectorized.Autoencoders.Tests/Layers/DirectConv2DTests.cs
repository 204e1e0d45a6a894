using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Tests.Kernels;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>
/// The direct stride-1 convolution against the naive <see cref="Conv2DReference"/> on every ISA path
/// this machine has, over random shapes: one-channel ends and channel counts that leave remainders
/// of its four-channel blocks, kernels 1-5 (tap counts that are and are not multiples of its
/// three-tap blocks), same and valid padding, odd widths, batches from 1 to past its run count, and
/// gradients that must be added onto, not written. Its bits must not depend on the thread count.
/// </summary>
public class DirectConv2DTests
{
    [Property(MaxTest = 60)]
    public void RandomShapesMatchTheReferenceOnEveryPath(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 977);
        var padding = rng.NextInt(2) == 0 ? Conv2DPadding.Same : Conv2DPadding.Valid;
        int kh = 1 + rng.NextInt(5), kw = 1 + rng.NextInt(5);
        var minH = padding == Conv2DPadding.Valid ? kh : 1;
        var minW = padding == Conv2DPadding.Valid ? kw : 1;
        var g = new Conv2DGeometry(Channels(ref rng), Channels(ref rng), minH + rng.NextInt(9), minW + rng.NextInt(30), kh, kw, 1, padding);
        var batch = rng.NextInt(4) == 0 ? 17 + rng.NextInt(8) : 1 + rng.NextInt(4);
        Compare(g, batch, ref rng);
    }

    [Theory]
    [InlineData(1, 16, 28, true)] // the conv autoencoder's first layer
    [InlineData(16, 8, 14, true)]
    [InlineData(8, 8, 7, true)]
    [InlineData(8, 16, 16, false)] // its one valid layer, 16 -> 14
    [InlineData(16, 1, 28, true)] // its last layer
    [InlineData(32, 1, 28, true)] // the denoiser's last layer
    public void ModelLayersMatchTheReference(int inChannels, int outChannels, int size, bool same)
    {
        var g = new Conv2DGeometry(inChannels, outChannels, size, size, 3, 3, 1, same ? Conv2DPadding.Same : Conv2DPadding.Valid);
        var rng = new Xoshiro256((ulong)(inChannels * 100 + outChannels));
        Compare(g, 3, ref rng);
    }

    [Theory]
    [InlineData(32, 1, 28, 50)] // the denoiser's last layer: two images per group, two groups per run
    [InlineData(32, 8, 28, 40)] // one image per group
    [InlineData(32, 32, 14, 90)] // the denoiser's middle layers: four per group
    public void RunsOfSeveralImageGroupsMatchTheReference(int inChannels, int outChannels, int size, int batch)
    {
        var g = new Conv2DGeometry(inChannels, outChannels, size, size, 3, 3, 1, Conv2DPadding.Same);
        // The case must make a run sweep more than one group, so that a later group starts from the
        // accumulators an earlier one stored.
        Assert.True(DirectConv2D.GroupImages(g) < batch / DirectConv2D.Parts(batch), $"{g}: one group holds a whole run");
        var rng = new Xoshiro256((ulong)(batch * 1000 + outChannels));
        Compare(g, batch, ref rng);
    }

    [Theory]
    [InlineData(1, 16, 28, true)]
    [InlineData(16, 8, 14, true)]
    [InlineData(8, 16, 16, false)]
    [InlineData(16, 1, 28, true)]
    public void ModelLayersAreBitwiseIdenticalForOneAndTwoThreads(int inChannels, int outChannels, int size, bool same)
    {
        var g = new Conv2DGeometry(inChannels, outChannels, size, size, 3, 3, 1, same ? Conv2DPadding.Same : Conv2DPadding.Valid);
        const int batch = 37; // more images than runs, cut unevenly
        var rng = new Xoshiro256(11);
        var x = LayerCheck.Random(ref rng, inChannels * batch * g.InPlane, 0, 1);
        var w = LayerCheck.Random(ref rng, g.WeightCount, -0.2, 0.2);
        var b = LayerCheck.Random(ref rng, outChannels, -0.1, 0.1);
        var dy = LayerCheck.Random(ref rng, outChannels * batch * g.OutPlane);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var one = Run(g, batch, x, w, b, dy, 1, isa);
            var two = Run(g, batch, x, w, b, dy, 2, isa);
            for (var i = 0; i < one.Length; i++)
            {
                Assert.Equal(one[i], two[i]);
            }
        }
    }

    [Property(MaxTest = 40)]
    public void SixteenAccumulatorSumsAtOnceHaveVector512SumsBits(int seed)
    {
        // Lanes of mixed magnitudes, so that any other order of the adds rounds differently.
        var rng = new Xoshiro256((ulong)(uint)seed + 5);
        var count = 16 + rng.NextInt(40);
        var acc = new float[count * DirectConv2D.AccumulatorStride];
        for (var i = 0; i < acc.Length; i++)
        {
            acc[i] = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.NextInt(9) - 4));
        }

        var sums = new float[count];
        int done;
        unsafe
        {
            fixed (float* pa = acc, ps = sums)
            {
                done = DirectConv2DKernels.SumAccumulators512(pa, count, ps);
            }
        }

        // Without AVX-512 it sums nothing and the caller sums every accumulator one at a time.
        Assert.Equal(System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? count / 16 * 16 : 0, done);
        for (var k = 0; k < done; k++)
        {
            var expected = System.Runtime.Intrinsics.Vector512.Sum(System.Runtime.Intrinsics.Vector512.Create(acc.AsSpan(k * DirectConv2D.AccumulatorStride, 16)));
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(sums[k]));
        }
    }

    [Fact]
    public void ForwardAndBackwardAllocateNothingOnceWarm()
    {
        var g = new Conv2DGeometry(4, 1, 14, 14, 3, 3, 1, Conv2DPadding.Same);
        const int batch = 20;
        var rng = new Xoshiro256(3);
        var x = LayerCheck.Random(ref rng, 4 * batch * g.InPlane);
        var w = LayerCheck.Random(ref rng, g.WeightCount);
        var b = new float[1];
        var y = new float[batch * g.OutPlane];
        float[] dw = new float[w.Length], db = new float[1], dx = new float[x.Length];
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        DirectConv2D.Forward(x, w, b, g, batch, 2, y, scratch);
        DirectConv2D.Backward(y, x, w, g, batch, 2, dw, db, dx, scratch);
        var before = GC.GetAllocatedBytesForCurrentThread();
        DirectConv2D.Forward(x, w, b, g, batch, 2, y, scratch);
        DirectConv2D.Backward(y, x, w, g, batch, 2, dw, db, dx, scratch);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void StridesOtherThanOneAndShortScratchAreRefused()
    {
        var strided = new Conv2DGeometry(1, 1, 8, 8, 3, 3, 2, Conv2DPadding.Same);
        Assert.False(DirectConv2D.Supports(strided));
        Assert.Throws<ArgumentException>(() => DirectConv2D.Forward(new float[64], new float[9], new float[1], strided, 1, 1, new float[16], new float[1 << 16]));
        var g = new Conv2DGeometry(1, 1, 8, 8, 3, 3, 1, Conv2DPadding.Same);
        Assert.Throws<ArgumentException>(() => DirectConv2D.Forward(new float[64], new float[9], new float[1], g, 1, 1, new float[64], new float[DirectConv2D.ScratchLength(g, 1) - 1]));
    }

    // 1 (a one-channel end) a third of the time, else 2-9 (four-channel blocks and their remainders).
    private static int Channels(ref Xoshiro256 rng) => rng.NextInt(3) == 0 ? 1 : 2 + rng.NextInt(8);

    private static void Compare(in Conv2DGeometry g, int batch, ref Xoshiro256 rng)
    {
        var x = LayerCheck.Random(ref rng, g.InChannels * batch * g.InPlane);
        var w = LayerCheck.Random(ref rng, g.WeightCount);
        var b = LayerCheck.Random(ref rng, g.OutChannels);
        var dy = LayerCheck.Random(ref rng, g.OutChannels * batch * g.OutPlane);
        var dw0 = LayerCheck.Random(ref rng, w.Length);
        var db0 = LayerCheck.Random(ref rng, b.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        var yRef = new float[dy.Length];
        Conv2DReference.Forward(x, w, b, g, batch, yRef);
        float[] dwRef = (float[])dw0.Clone(), dbRef = (float[])db0.Clone(), dxRef = (float[])dx0.Clone();
        Conv2DReference.Backward(dy, x, w, g, batch, dwRef, dbRef, dxRef);

        // The float sums' rounding grows with the sum of the terms' magnitudes (a weight gradient adds
        // thousands): the reference on |operands| gives that bound per element.
        float[] xAbs = Abs(x), wAbs = Abs(w), dyAbs = Abs(dy);
        var yMag = new float[dy.Length];
        Conv2DReference.Forward(xAbs, wAbs, Abs(b), g, batch, yMag);
        float[] dwMag = Abs(dw0), dbMag = Abs(db0), dxMag = Abs(dx0);
        Conv2DReference.Backward(dyAbs, xAbs, wAbs, g, batch, dwMag, dbMag, dxMag);

        // Garbage in the scratch must not reach any result: every padded plane is rewritten.
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var context = $"{g} batch {batch} {isa}";
            Array.Fill(scratch, float.NaN);
            var y = new float[dy.Length];
            DirectConv2D.Forward(x, w, b, g, batch, 2, y, scratch, isa);
            Close(y, yRef, yMag, $"y ({context})");

            float[] dw = (float[])dw0.Clone(), db = (float[])db0.Clone(), dx = (float[])dx0.Clone();
            Array.Fill(scratch, float.NaN);
            DirectConv2D.Backward(dy, x, w, g, batch, 2, dw, db, dx, scratch, isa);
            Close(dw, dwRef, dwMag, $"dw ({context})");
            Close(db, dbRef, dbMag, $"db ({context})");
            Close(dx, dxRef, dxMag, $"dx ({context})");

            // Told dx is still zero, it writes what adding onto zeros gives, whatever dx held.
            float[] added = new float[dx.Length], written = new float[dx.Length];
            DirectConv2D.Backward(dy, x, w, g, batch, 2, new float[dw.Length], new float[db.Length], added, scratch, isa);
            Array.Fill(written, float.NaN);
            DirectConv2D.Backward(dy, x, w, g, batch, 2, new float[dw.Length], new float[db.Length], written, scratch, isa, dxIsZero: true);
            Assert.Equal(added, written);

            // Without dx (the first layer), the parameter gradients are the same.
            float[] dw2 = (float[])dw0.Clone(), db2 = (float[])db0.Clone();
            DirectConv2D.Backward(dy, x, w, g, batch, 2, dw2, db2, [], scratch, isa);
            Assert.Equal(dw, dw2);
            Assert.Equal(db, db2);
        }
    }

    // |actual - expected| <= 1e-5 max(1, |expected|) + 1e-6 (the sum of the terms' magnitudes).
    private static void Close(float[] actual, float[] expected, float[] magnitude, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            var tolerance = (1e-5 * Math.Max(1, Math.Abs(expected[i]))) + (1e-6 * magnitude[i]);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{what}[{i}]: got {actual[i]}, expected {expected[i]} (tolerance {tolerance})");
        }
    }

    private static float[] Abs(float[] values) => Array.ConvertAll(values, Math.Abs);

    // Returns y, dw, db, dx concatenated, each from zeroed gradients.
    private static float[] Run(in Conv2DGeometry g, int batch, float[] x, float[] w, float[] b, float[] dy, int threads, Isa isa)
    {
        var scratch = new float[DirectConv2D.ScratchLength(g, batch)];
        var y = new float[dy.Length];
        DirectConv2D.Forward(x, w, b, g, batch, threads, y, scratch, isa);
        float[] dw = new float[w.Length], db = new float[b.Length], dx = new float[x.Length];
        DirectConv2D.Backward(dy, x, w, g, batch, threads, dw, db, dx, scratch, isa);
        return [.. y, .. dw, .. db, .. dx];
    }
}
