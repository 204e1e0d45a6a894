using FsCheck.Xunit;
using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// The logits form against Keras' own recipe computed in double: p = sigmoid(z) clipped to
/// [1e-7, 1 - 1e-7], loss = -(t ln p + (1 - t) ln(1 - p)) averaged, gradient zero where clipped.
/// </summary>
public class BinaryCrossEntropyKernelTests
{
    private const double Eps = 1e-7;

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static (double Loss, double[] Gradient) Oracle(float[] logits, float[] targets)
    {
        var n = logits.Length;
        var sum = 0.0;
        var gradient = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = Sigmoid(logits[i]);
            var clipped = Math.Clamp(p, Eps, 1 - Eps);
            sum -= (targets[i] * Math.Log(clipped)) + ((1 - targets[i]) * Math.Log(1 - clipped));
            gradient[i] = p >= Eps && p <= 1 - Eps ? (p - targets[i]) / n : 0;
        }

        return (sum / n, gradient);
    }

    // MNIST-like targets (many exact 0s and 1s) and logits from confident to saturated, kept
    // away from the clip boundary ±16.118 where float and double may disagree on the side.
    private static (float[] Logits, float[] Targets) Draw(Random rng, int n)
    {
        var logits = new float[n];
        var targets = new float[n];
        for (var i = 0; i < n; i++)
        {
            targets[i] = rng.Next(3) switch { 0 => 0f, 1 => 1f, _ => (float)rng.NextDouble() };
            float z;
            do
            {
                z = (float)(rng.Next(4) == 0 ? (rng.NextDouble() * 60) - 30 : (rng.NextDouble() * 10) - 5);
            }
            while (Math.Abs(Math.Abs(z) - 16.118) < 0.01);
            logits[i] = z;
        }

        return (logits, targets);
    }

    [Property(MaxTest = 40)]
    public void LossAndGradientMatchKerasRecipe(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 3000);
        var (logits, targets) = Draw(rng, n);
        var (loss, gradient) = Oracle(logits, targets);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var actualGradient = Enumerable.Repeat(float.NaN, n).ToArray();
            var actual = BinaryCrossEntropyKernel.LossAndGradient(logits, targets, actualGradient, isa);
            OracleAssert.Close(actual, loss, 1e-5, loss, () => $"loss on {isa}, n {n}");
            Assert.Equal(actual, BinaryCrossEntropyKernel.Loss(logits, targets, isa));
            for (var i = 0; i < n; i++)
            {
                // Gradients are at most 1/n; a few ulp of sigmoid near 1 is the error budget.
                OracleAssert.Close(actualGradient[i], gradient[i], 1e-6, 1.0 / n, () => $"gradient on {isa}, n {n}, element {i}, z {logits[i]}, t {targets[i]}");
            }
        }
    }

    [Fact]
    public void GradientMayOverwriteTheLogits()
    {
        // Each element is read before its gradient is written, so the logits buffer can be reused.
        var (logits, targets) = Draw(new Random(11), 1001);
        foreach (var isa in KernelCase.SupportedIsas())
        {
            var separate = new float[logits.Length];
            var loss = BinaryCrossEntropyKernel.LossAndGradient(logits, targets, separate, isa);
            var inPlace = (float[])logits.Clone();
            Assert.Equal(loss, BinaryCrossEntropyKernel.LossAndGradient(inPlace, targets, inPlace, isa));
            Assert.Equal(separate, inPlace);
        }
    }

    [Fact]
    public void ExtremeLogitsGiveTheClippedLossNotInfinity()
    {
        // A confident wrong answer costs -ln(1e-7) = 16.118, as in Keras, not +inf or NaN.
        var loss = BinaryCrossEntropyKernel.LossAndGradient([-1000f, 1000f], [1f, 0f], new float[2]);
        Assert.Equal(-Math.Log(Eps), loss, 3);
    }

    [Fact]
    public void EmptyOrMismatchedSpansThrow()
    {
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropyKernel.Loss([], []));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropyKernel.Loss(new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropyKernel.LossAndGradient(new float[3], new float[3], new float[2]));
    }
}
