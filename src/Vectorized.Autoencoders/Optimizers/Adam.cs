using System.Numerics;

namespace Vectorized.Autoencoders.Optimizers;

/// <summary>
/// Adam as Keras 2.0 writes it: lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t);
/// m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2; p -= lr_t m / (sqrt(v) + epsilon).
/// (PyTorch folds the bias corrections differently, which only moves where epsilon sits.)
/// Parameters, gradients and both moments share one flat layout, so a step is one loop.
/// </summary>
public static class Adam
{
    /// <summary>The step size of step <paramref name="t"/> (1-based), computed in double and rounded once.</summary>
    public static float StepSize(AdamOptions options, long t) =>
        (float)(options.LearningRate * Math.Sqrt(1.0 - Math.Pow(options.Beta2, t)) / (1.0 - Math.Pow(options.Beta1, t)));

    /// <summary>One update of every parameter. Element-wise, so any split over threads gives the same bits.</summary>
    // gradients, parameters, m, v: [parameterCount]
    public static void Step(ReadOnlySpan<float> gradients, AdamOptions options, long t, Span<float> parameters, Span<float> m, Span<float> v)
    {
        var lrT = StepSize(options, t);
        var b1 = options.Beta1;
        var b2 = options.Beta2;
        var c1 = 1f - b1;
        var c2 = 1f - b2;
        var eps = options.Epsilon;
        var i = 0;
        if (Vector.IsHardwareAccelerated && gradients.Length >= Vector<float>.Count)
        {
            var vb1 = new Vector<float>(b1);
            var vb2 = new Vector<float>(b2);
            var vc1 = new Vector<float>(c1);
            var vc2 = new Vector<float>(c2);
            var veps = new Vector<float>(eps);
            var vlr = new Vector<float>(lrT);
            for (; i <= gradients.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradients[i..]);
                var mi = vb1 * new Vector<float>(m[i..]) + vc1 * g;
                var vi = vb2 * new Vector<float>(v[i..]) + vc2 * (g * g);
                var p = new Vector<float>(parameters[i..]) - vlr * mi / (Vector.SquareRoot(vi) + veps);
                mi.CopyTo(m[i..]);
                vi.CopyTo(v[i..]);
                p.CopyTo(parameters[i..]);
            }
        }

        // The tail uses the same operations in the same order, so an element's result does not
        // depend on whether it fell in a vector or in the tail.
        for (; i < gradients.Length; i++)
        {
            var g = gradients[i];
            var mi = b1 * m[i] + c1 * g;
            var vi = b2 * v[i] + c2 * (g * g);
            m[i] = mi;
            v[i] = vi;
            parameters[i] -= lrT * mi / (MathF.Sqrt(vi) + eps);
        }
    }
}
