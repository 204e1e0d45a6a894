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
internal static class AdamKernel
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
            i = VectorSteps<Vector512<float>, Vector512Ops>(ref gr, ref mr, ref vr, ref pr, n, lrt, beta1, beta2, c1, c2, epsilon);
        }
        else if (isa >= Isa.Avx2)
        {
            i = VectorSteps<Vector256<float>, Vector256Ops>(ref gr, ref mr, ref vr, ref pr, n, lrt, beta1, beta2, c1, c2, epsilon);
        }
        else if (isa >= Isa.V128)
        {
            i = VectorSteps<Vector128<float>, Vector128Ops>(ref gr, ref mr, ref vr, ref pr, n, lrt, beta1, beta2, c1, c2, epsilon);
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

    /// <summary>The full vectors of one width; returns where the scalar remainder starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint VectorSteps<TVec, TOps>(ref float gr, ref float mr, ref float vr, ref float pr, nuint n, float lrt, float beta1, float beta2, float c1, float c2, float epsilon)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var count = (nuint)TOps.Count;
        nuint i = 0;
        for (; i + count <= n; i += count)
        {
            var g = TOps.LoadUnsafe(ref gr, i);
            var mi = TOps.FusedMultiplyAdd(TOps.Create(beta1), TOps.LoadUnsafe(ref mr, i), TOps.Multiply(TOps.Create(c1), g));
            var vi = TOps.FusedMultiplyAdd(TOps.Create(beta2), TOps.LoadUnsafe(ref vr, i), TOps.Multiply(TOps.Multiply(TOps.Create(c2), g), g));
            var pi = TOps.Subtract(TOps.LoadUnsafe(ref pr, i), TOps.Divide(TOps.Multiply(TOps.Create(lrt), mi), TOps.Add(TOps.Sqrt(vi), TOps.Create(epsilon))));
            TOps.StoreUnsafe(mi, ref mr, i);
            TOps.StoreUnsafe(vi, ref vr, i);
            TOps.StoreUnsafe(pi, ref pr, i);
        }

        return i;
    }
}
