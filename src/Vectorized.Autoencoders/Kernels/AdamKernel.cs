using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
public static class AdamKernel
{
    /// <summary>Applies step number <paramref name="step"/> (1 for the first update).</summary>
    // gradient, m, v, parameters: [n], one layout for all four
    public static void Step(ReadOnlySpan<float> gradient, float learningRate, float beta1, float beta2, float epsilon, int step, Span<float> m, Span<float> v, Span<float> parameters) =>
        Step(gradient, learningRate, beta1, beta2, epsilon, step, m, v, parameters, IsaSelector.Current);

    /// <summary>lr_t of step t: the bias corrections folded into the learning rate, computed in double.</summary>
    public static float CorrectedLearningRate(float learningRate, float beta1, float beta2, int step) =>
        (float)(learningRate * Math.Sqrt(1 - Math.Pow(beta2, step)) / (1 - Math.Pow(beta1, step)));

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

        var lrt = CorrectedLearningRate(learningRate, beta1, beta2, step);
        var c1 = 1f - beta1;
        var c2 = 1f - beta2;
        ref var gr = ref MemoryMarshal.GetReference(gradient);
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var vr = ref MemoryMarshal.GetReference(v);
        ref var pr = ref MemoryMarshal.GetReference(parameters);
        var n = (nuint)gradient.Length;
        nuint i = 0;

        if (isa >= Isa.Avx512)
        {
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                var g = Vector512.LoadUnsafe(ref gr, i);
                var mi = Vector512.FusedMultiplyAdd(Vector512.Create(beta1), Vector512.LoadUnsafe(ref mr, i), Vector512.Create(c1) * g);
                var vi = Vector512.FusedMultiplyAdd(Vector512.Create(beta2), Vector512.LoadUnsafe(ref vr, i), Vector512.Create(c2) * g * g);
                var pi = Vector512.LoadUnsafe(ref pr, i) - (Vector512.Create(lrt) * mi / (Vector512.Sqrt(vi) + Vector512.Create(epsilon)));
                mi.StoreUnsafe(ref mr, i);
                vi.StoreUnsafe(ref vr, i);
                pi.StoreUnsafe(ref pr, i);
            }
        }
        else if (isa >= Isa.Avx2)
        {
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                var g = Vector256.LoadUnsafe(ref gr, i);
                var mi = Vector256.FusedMultiplyAdd(Vector256.Create(beta1), Vector256.LoadUnsafe(ref mr, i), Vector256.Create(c1) * g);
                var vi = Vector256.FusedMultiplyAdd(Vector256.Create(beta2), Vector256.LoadUnsafe(ref vr, i), Vector256.Create(c2) * g * g);
                var pi = Vector256.LoadUnsafe(ref pr, i) - (Vector256.Create(lrt) * mi / (Vector256.Sqrt(vi) + Vector256.Create(epsilon)));
                mi.StoreUnsafe(ref mr, i);
                vi.StoreUnsafe(ref vr, i);
                pi.StoreUnsafe(ref pr, i);
            }
        }
        else if (isa >= Isa.V128)
        {
            for (; i + (nuint)Vector128<float>.Count <= n; i += (nuint)Vector128<float>.Count)
            {
                var g = Vector128.LoadUnsafe(ref gr, i);
                var mi = Vector128.FusedMultiplyAdd(Vector128.Create(beta1), Vector128.LoadUnsafe(ref mr, i), Vector128.Create(c1) * g);
                var vi = Vector128.FusedMultiplyAdd(Vector128.Create(beta2), Vector128.LoadUnsafe(ref vr, i), Vector128.Create(c2) * g * g);
                var pi = Vector128.LoadUnsafe(ref pr, i) - (Vector128.Create(lrt) * mi / (Vector128.Sqrt(vi) + Vector128.Create(epsilon)));
                mi.StoreUnsafe(ref mr, i);
                vi.StoreUnsafe(ref vr, i);
                pi.StoreUnsafe(ref pr, i);
            }
        }

        for (; i < n; i++)
        {
            var g = Unsafe.Add(ref gr, i);
            var mi = MathF.FusedMultiplyAdd(beta1, Unsafe.Add(ref mr, i), c1 * g);
            var vi = MathF.FusedMultiplyAdd(beta2, Unsafe.Add(ref vr, i), c2 * g * g);
            Unsafe.Add(ref mr, i) = mi;
            Unsafe.Add(ref vr, i) = vi;
            Unsafe.Add(ref pr, i) -= lrt * mi / (MathF.Sqrt(vi) + epsilon);
        }
    }
}
