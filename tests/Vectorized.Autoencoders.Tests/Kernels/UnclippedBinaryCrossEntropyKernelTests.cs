using FsCheck.Xunit;
using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// The unclipped cross-entropy kernel: every path gives the bits of its scalar reference (loss sum
/// and gradient), the reference gives the bits of the loss as it was written before the kernel
/// (MathF.Exp and float.LogP1, added one by one: what the VAE's and conv models' recorded runs
/// trained with), and both are the loss and gradient computed in double.
/// </summary>
public class UnclippedBinaryCrossEntropyKernelTests
{
    // Logits from small to far beyond Keras' clip (PyTorch's loss has none), ±0 included; targets
    // MNIST-like, with many exact 0s and 1s.
    private static (float[] Logits, float[] Targets, float[] Gradient) Draw(Random rng, int n)
    {
        var logits = new float[n];
        var targets = new float[n];
        var gradient = new float[n];
        for (var i = 0; i < n; i++)
        {
            logits[i] = rng.Next(12) switch
            {
                0 => 0f,
                1 => -0f,
                2 => (float)((rng.NextDouble() * 400) - 200),
                3 => (float)((rng.NextDouble() * 2e-3) - 1e-3),
                _ => (float)((rng.NextDouble() * 24) - 12),
            };
            targets[i] = rng.Next(3) switch { 0 => 0f, 1 => 1f, _ => (float)rng.NextDouble() };
            gradient[i] = (float)(rng.NextDouble() - 0.5);
        }

        return (logits, targets, gradient);
    }

    // The loss as UnclippedBinaryCrossEntropy computed it per element before the kernel.
    private static float Original(float[] z, float[] t, float scale, float[] dz)
    {
        var sum = 0f;
        for (var i = 0; i < z.Length; i++)
        {
            var e = MathF.Exp(-MathF.Abs(z[i]));
            sum += MathF.Max(z[i], 0f) - (z[i] * t[i]) + float.LogP1(e);
            var sigmoid = z[i] >= 0f ? 1f / (1f + e) : e / (1f + e);
            dz[i] += scale * (sigmoid - t[i]);
        }

        return sum;
    }

    [Property(MaxTest = 60)]
    public void EveryPathHasTheReferencesBits(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(0, 700);
        var (z, t, start) = Draw(rng, n);
        var scale = (float)rng.NextDouble();
        var expectedGradient = (float[])start.Clone();
        var expected = UnclippedBinaryCrossEntropyKernel.Reference(z, t, scale, expectedGradient);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var gradient = (float[])start.Clone();
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(UnclippedBinaryCrossEntropyKernel.SumAccumulatingGradient(z, t, scale, gradient, isa)));
            Assert.Equal(expectedGradient, gradient);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(UnclippedBinaryCrossEntropyKernel.Sum(z, t, isa)));
        }
    }

    [Property(MaxTest = 60)]
    public void TheReferenceIsTheLossAsItWasWritten(int seed)
    {
        var rng = new Random(seed);
        var (z, t, start) = Draw(rng, rng.Next(0, 700));
        var scale = (float)rng.NextDouble();
        var (expectedGradient, gradient) = ((float[])start.Clone(), (float[])start.Clone());
        var expected = Original(z, t, scale, expectedGradient);
        var actual = UnclippedBinaryCrossEntropyKernel.Reference(z, t, scale, gradient);
        if (OperatingSystem.IsLinux())
        {
            // glibc's expf and logf: the same bits (LibmExpLogTests).
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
            Assert.Equal(expectedGradient, gradient);
        }
        else
        {
            Assert.Equal(expected, actual, Math.Max(1e-5f, Math.Abs(expected) * 1e-5f));
        }
    }

    [Property(MaxTest = 40)]
    public void LossAndGradientAreTheDoublePrecisionOnes(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 700);
        var (z, t, _) = Draw(rng, n);
        var gradient = new float[n];
        var scale = 1f / n;
        var sum = UnclippedBinaryCrossEntropyKernel.SumAccumulatingGradient(z, t, scale, gradient, KernelCase.SupportedIsas().Max());
        var expected = 0.0;
        for (var i = 0; i < n; i++)
        {
            // -(t ln p + (1 - t) ln(1 - p)) with p = sigmoid(z), written overflow-free.
            double zi = z[i], ti = t[i];
            expected += Math.Max(zi, 0) - (zi * ti) + Math.Log(1 + Math.Exp(-Math.Abs(zi)));
            var p = 1 / (1 + Math.Exp(-zi));
            OracleAssert.Close(gradient[i], scale * (p - ti), 1e-6, scale, () => $"gradient, element {i}, z {zi}, t {ti}");
        }

        OracleAssert.Close(sum, expected, 1e-5, expected + n, () => $"loss, n {n}");
    }

    [Fact]
    public void MismatchedSpansThrow()
    {
        Assert.Throws<ArgumentException>(() => UnclippedBinaryCrossEntropyKernel.Sum(new float[3], new float[4], KernelCase.SupportedIsas().Max()));
        Assert.Throws<ArgumentException>(() => UnclippedBinaryCrossEntropyKernel.SumAccumulatingGradient(new float[3], new float[3], 1f, new float[2], KernelCase.SupportedIsas().Max()));
    }
}
