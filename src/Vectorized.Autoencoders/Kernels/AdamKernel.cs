using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Kernels.Drivers;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// One Adam step over a flat parameter buffer, in Keras 2.0's form (the article's optimizer):
/// m = b1 m + (1 - b1) g;  v = b2 v + (1 - b2) g^2;
/// p -= lr_t m / (sqrt(v) + eps)  with  lr_t = lr sqrt(1 - b2^t) / (1 - b1^t).
/// Epsilon is added to the uncorrected sqrt(v), as Keras does (PyTorch adds it after the bias
/// correction; the two differ only while v is tiny). Each element is independent, and vector
/// lanes and the scalar remainder use the same fused operations, so any split of the buffer
/// (threads, path widths) gives the same bits for the same element.
/// </summary>
internal static class AdamKernel
{
    /// <summary>Applies step number <paramref name="step"/> (1 for the first update).</summary>
    // gradient, m, v, parameters: [n], one layout for all four
    public static void Step(ReadOnlySpan<float> gradient, float learningRate, float beta1, float beta2, float epsilon, int step, Span<float> m, Span<float> v, Span<float> parameters) =>
        Step(gradient, learningRate, beta1, beta2, epsilon, step, m, v, parameters, IsaSelector.Current);

    /// <summary>lr_t of step t: the bias corrections folded into the learning rate, computed in double.</summary>
    public static float CorrectedLearningRate(float learningRate, float beta1, float beta2, int step) =>
        (float)(learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step)));

    /// <summary>
    /// The epsilon that makes step t of Keras' form PyTorch's step with <paramref name="epsilon"/>:
    /// PyTorch divides by sqrt(v) / sqrt(1 - b2^t) + eps, so Keras' denominator sqrt(v) + eps' matches
    /// it for eps' = eps sqrt(1 - b2^t). Computed in double, rounded once.
    /// </summary>
    public static float KerasEpsilonOfPyTorch(float epsilon, float beta2, int step) =>
        (float)(epsilon * Math.Sqrt(1 - Math.Pow(beta2, step)));

    internal static void Step(ReadOnlySpan<float> gradient, float learningRate, float beta1, float beta2, float epsilon, int step, Span<float> m, Span<float> v, Span<float> parameters, Isa isa)
    {
        if (m.Length != gradient.Length || v.Length != gradient.Length || parameters.Length != gradient.Length)
        {
            throw new ArgumentException($"Adam buffers differ in length: gradient {gradient.Length}, m {m.Length}, v {v.Length}, parameters {parameters.Length}.", nameof(gradient));
        }

        if (step < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Adam steps count from 1.");
        }

        var loop = new StepLoop(gradient, m, v, parameters, CorrectedLearningRate(learningRate, beta1, beta2, step), beta1, beta2, epsilon);
        VectorLoop.Run(ref loop, gradient.Length, isa);
    }

    /// <summary>One element's update, at one vector width or as a scalar, with the same fused operations.</summary>
    private ref struct StepLoop(ReadOnlySpan<float> gradient, Span<float> m, Span<float> v, Span<float> parameters, float lrt, float beta1, float beta2, float epsilon) : IVectorLoop
    {
        private readonly ReadOnlySpan<float> _g = gradient;
        private readonly Span<float> _m = m;
        private readonly Span<float> _v = v;
        private readonly Span<float> _p = parameters;
        private readonly float _lrt = lrt;
        private readonly float _beta1 = beta1;
        private readonly float _beta2 = beta2;
        private readonly float _c1 = 1f - beta1;
        private readonly float _c2 = 1f - beta2;
        private readonly float _epsilon = epsilon;

        public readonly nuint Vectors<TVec, TOps>(nuint n)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>
        {
            ref var gr = ref MemoryMarshal.GetReference(_g);
            ref var mr = ref MemoryMarshal.GetReference(_m);
            ref var vr = ref MemoryMarshal.GetReference(_v);
            ref var pr = ref MemoryMarshal.GetReference(_p);
            var count = (nuint)TOps.Count;
            nuint i = 0;
            for (; i + count <= n; i += count)
            {
                var g = TOps.LoadUnsafe(ref gr, i);
                var mi = TOps.FusedMultiplyAdd(TOps.Create(_beta1), TOps.LoadUnsafe(ref mr, i), TOps.Multiply(TOps.Create(_c1), g));
                var vi = TOps.FusedMultiplyAdd(TOps.Create(_beta2), TOps.LoadUnsafe(ref vr, i), TOps.Multiply(TOps.Multiply(TOps.Create(_c2), g), g));
                var pi = TOps.Subtract(TOps.LoadUnsafe(ref pr, i), TOps.Divide(TOps.Multiply(TOps.Create(_lrt), mi), TOps.Add(TOps.Sqrt(vi), TOps.Create(_epsilon))));
                TOps.StoreUnsafe(mi, ref mr, i);
                TOps.StoreUnsafe(vi, ref vr, i);
                TOps.StoreUnsafe(pi, ref pr, i);
            }

            return i;
        }

        public readonly void Scalar(nuint i)
        {
            var k = (int)i;
            var g = _g[k];
            var mi = MathF.FusedMultiplyAdd(_beta1, _m[k], _c1 * g);
            var vi = MathF.FusedMultiplyAdd(_beta2, _v[k], _c2 * g * g);
            _m[k] = mi;
            _v[k] = vi;
            _p[k] -= _lrt * mi / (MathF.Sqrt(vi) + _epsilon);
        }
    }
}
