using FsCheck.Xunit;
using Vectorized.Autoencoders.Optimizers;

namespace Vectorized.Autoencoders.Tests.Kernels;

/// <summary>
/// <see cref="AdamForm.PyTorch"/> against torch.optim.Adam's update written out in double, where
/// epsilon matters: gradients near epsilon, as a loss averaged over every pixel gives.
/// </summary>
public class AdamFormTests
{
    private const float Epsilon = 1e-7f;

    // torch.optim.Adam (amsgrad off): p -= lr / (1 - b1^t) m / (sqrt(v) / sqrt(1 - b2^t) + eps).
    private static double[] PyTorchOracle(float[] start, float[][] gradients, AdamOptions o)
    {
        var p = start.Select(x => (double)x).ToArray();
        var (m, v) = (new double[p.Length], new double[p.Length]);
        for (var t = 1; t <= gradients.Length; t++)
        {
            for (var i = 0; i < p.Length; i++)
            {
                double g = gradients[t - 1][i];
                m[i] = (o.Beta1 * m[i]) + ((1 - o.Beta1) * g);
                v[i] = (o.Beta2 * v[i]) + ((1 - o.Beta2) * g * g);
                var denominator = (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(o.Beta2, t))) + o.Epsilon;
                p[i] -= o.LearningRate / (1 - Math.Pow(o.Beta1, t)) * m[i] / denominator;
            }
        }

        return p;
    }

    private static float[] Steps(float[] start, float[][] gradients, AdamOptions options)
    {
        var (p, m, v) = ((float[])start.Clone(), new float[start.Length], new float[start.Length]);
        for (var t = 1; t <= gradients.Length; t++)
        {
            Adam.Step(gradients[t - 1], options, t, p, m, v);
        }

        return p;
    }

    [Property(MaxTest = 30)]
    public void ThePyTorchFormTakesTorchsSteps(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 300);
        var start = AdamKernelTests.Draw(rng, n, 1);
        var gradients = Enumerable.Range(0, 5).Select(_ => AdamKernelTests.Draw(rng, n, 3 * Epsilon)).ToArray();
        var options = new AdamOptions { Epsilon = Epsilon, Form = AdamForm.PyTorch };
        var expected = PyTorchOracle(start, gradients, options);
        var actual = Steps(start, gradients, options);
        for (var i = 0; i < n; i++)
        {
            // Five steps of at most about lr each; float keeps p to 6e-8 relative.
            OracleAssert.Close(actual[i], expected[i], 1e-6, Math.Abs(expected[i]) + (5 * options.LearningRate), () => $"element {i}");
        }
    }

    [Fact]
    public void KerasFormIsTheDefaultAndTakesOtherStepsWhereEpsilonMatters()
    {
        Assert.Equal(AdamForm.Keras, new AdamOptions().Form);
        var rng = new Random(7);
        var start = AdamKernelTests.Draw(rng, 64, 1);
        var gradients = Enumerable.Range(0, 3).Select(_ => AdamKernelTests.Draw(rng, 64, Epsilon)).ToArray();
        var torch = PyTorchOracle(start, gradients, new AdamOptions { Form = AdamForm.PyTorch });
        var keras = Steps(start, gradients, new AdamOptions());
        // At the first step PyTorch's epsilon is 1/sqrt(1 - b2) = 32 times smaller relative to sqrt(v):
        // steps of about half a learning rate against Keras' few hundredths.
        var largest = Enumerable.Range(0, 64).Max(i => Math.Abs(keras[i] - torch[i]));
        Assert.True(largest > 0.3 * AdamOptions.DefaultLearningRate, $"largest difference {largest:E3}");
    }

    [Fact]
    public void WithLargeGradientsTheFormsAgree()
    {
        // Far above epsilon, where it sits does not matter: the forms differ only by rounding.
        var rng = new Random(3);
        var start = AdamKernelTests.Draw(rng, 64, 1);
        var gradients = Enumerable.Range(0, 4).Select(_ => AdamKernelTests.Draw(rng, 64, 1)).ToArray();
        var keras = Steps(start, gradients, new AdamOptions());
        var torch = Steps(start, gradients, new AdamOptions { Form = AdamForm.PyTorch });
        for (var i = 0; i < 64; i++)
        {
            Assert.True(Math.Abs(keras[i] - torch[i]) < 1e-3 * AdamOptions.DefaultLearningRate, $"element {i}: {keras[i]:R} against {torch[i]:R}");
        }
    }
}
