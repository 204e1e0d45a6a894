using FsCheck.Xunit;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Layers;

/// <summary>Nearest up-sampling against the naive <see cref="UpSampling2DReference"/> and central differences.</summary>
public class UpSampling2DTests
{
    [Property(MaxTest = 100)]
    public void RandomShapesMatchTheReferenceAndCentralDifferences(int seed)
    {
        var rng = new Xoshiro256((ulong)(uint)seed + 303);
        int planes = 1 + rng.NextInt(4), h = 1 + rng.NextInt(7), w = 1 + rng.NextInt(20), fy = 1 + rng.NextInt(3), fx = 1 + rng.NextInt(3);
        var context = $"{planes} planes {h}x{w} by {fy}x{fx}";
        var x = LayerCheck.Random(ref rng, planes * h * w);
        var y = new float[planes * h * fy * w * fx];
        UpSampling2D.Forward(x, planes, h, w, fy, fx, y);
        var yRef = new float[y.Length];
        UpSampling2DReference.Forward(x, planes, h, w, fy, fx, yRef);
        Assert.Equal(yRef, y);

        var dy = LayerCheck.Random(ref rng, y.Length);
        var dx0 = LayerCheck.Random(ref rng, x.Length);
        var dx = (float[])dx0.Clone();
        UpSampling2D.Backward(dy, planes, h, w, fy, fx, dx);
        var dxRef = (float[])dx0.Clone();
        UpSampling2DReference.Backward(dy, planes, h, w, fy, fx, dxRef);
        LayerCheck.Close(dx, dxRef, 1e-5, $"dx ({context})");

        // One factor for both axes on the pool, the gradient written rather than added: the same bits.
        if (fy == fx)
        {
            var dxWritten = Enumerable.Repeat(float.NaN, x.Length).ToArray();
            UpSampling2DParallel.Backward(dy, planes, h, w, fx, dxWritten, dxIsZero: true, threads: 2);
            var dxFromZero = new float[x.Length];
            UpSampling2D.Backward(dy, planes, h, w, fx, fx, dxFromZero);
            Assert.Equal(dxFromZero, dxWritten);
            var yParallel = new float[y.Length];
            UpSampling2DParallel.Forward(x, planes, h, w, fx, yParallel, threads: 2);
            Assert.Equal(y, yParallel);
        }

        double[] xd = LayerCheck.ToDouble(x), gd = LayerCheck.ToDouble(dy);
        double Loss()
        {
            var yd = new double[y.Length];
            for (var i = 0; i < yd.Length; i++)
            {
                var p = i / (h * fy * w * fx);
                var oy = i / (w * fx) % (h * fy);
                var ox = i % (w * fx);
                yd[i] = xd[(((p * h) + (oy / fy)) * w) + (ox / fx)];
            }

            return LayerCheck.Dot(gd, yd);
        }

        LayerCheck.Gradient(dx.Select((v, i) => v - dx0[i]).ToArray(), xd, Loss, ref rng, 20, $"dx ({context})");
    }

    [Fact]
    public void TwoByTwoCopiesEachPixelIntoItsBlock()
    {
        var y = new float[16];
        UpSampling2D.Forward([1f, 2f, 3f, 4f], 1, 2, 2, 2, 2, y);
        Assert.Equal(new[] { 1f, 1f, 2f, 2f, 1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f, 3f, 3f, 4f, 4f }, y);
    }
}
