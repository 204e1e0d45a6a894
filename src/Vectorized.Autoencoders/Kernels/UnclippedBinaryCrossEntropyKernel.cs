using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Kernels.Operators;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// Binary cross-entropy from the logits without Keras' clip, per element
/// max(z, 0) - t z + ln(1 + e^-|z|), with gradient sigmoid(z) - t everywhere (PyTorch's
/// <c>binary_cross_entropy</c> only clamps the log at -100, far below any float logit's loss).
/// Every path gives the bits of the scalar reference <see cref="Reference"/>: the exponential and
/// logarithm are <see cref="LibmExpLog"/>'s (MathF.Exp's and float.LogP1's bits), the other
/// operations are the same IEEE operations lane by lane, and the loss terms are added one by one in
/// element order, as the reference adds them. That keeps the VAE's and the conv models' trained
/// weights, and their reported losses, what they were when this loss was scalar.
/// </summary>
internal static class UnclippedBinaryCrossEntropyKernel
{
    // Terms computed by vectors, then added in order: a block on the stack between the two.
    private const int Block = 64;

    /// <summary>The sum of the element losses (no gradient).</summary>
    // z, t: [n]
    public static float Sum(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Isa isa) =>
        Run(z, t, 0f, [], withGradient: false, isa);

    /// <summary>The sum of the element losses; ADDS <paramref name="gradientScale"/> (sigmoid(z) - t) to dz.</summary>
    // z, t, dz: [n]; dz must not alias z
    public static float SumAccumulatingGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> t, float gradientScale, Span<float> dz, Isa isa) =>
        Run(z, t, gradientScale, dz, withGradient: true, isa);

    /// <summary>The scalar definition every path reproduces, bit for bit.</summary>
    public static float Reference(ReadOnlySpan<float> z, ReadOnlySpan<float> t, float gradientScale, Span<float> dz)
    {
        var sum = 0f;
        for (var i = 0; i < z.Length; i++)
        {
            sum += Element(z[i], t[i], gradientScale, dz, i);
        }

        return sum;
    }

    private static float Run(ReadOnlySpan<float> z, ReadOnlySpan<float> t, float scale, Span<float> dz, bool withGradient, Isa isa)
    {
        if (t.Length != z.Length || (withGradient && dz.Length != z.Length))
        {
            throw new ArgumentException($"Spans differ in length: logits {z.Length}, targets {t.Length}, gradient {dz.Length}.", nameof(t));
        }

        var n = z.Length;
        var blocks = isa == Isa.Scalar ? 0 : n / Block;
        var sum = 0f;
        Span<float> terms = stackalloc float[Block];
        ref var termsRef = ref MemoryMarshal.GetReference(terms);
        for (var b = 0; b < blocks; b++)
        {
            var start = b * Block;
            ref var zr = ref Unsafe.Add(ref MemoryMarshal.GetReference(z), start);
            ref var tr = ref Unsafe.Add(ref MemoryMarshal.GetReference(t), start);
            ref var gr = ref withGradient ? ref Unsafe.Add(ref MemoryMarshal.GetReference(dz), start) : ref termsRef;
            if (isa >= Isa.Avx512)
            {
                BlockTerms<Vector512<float>, Vector512Ops, LibmExpAndLog1p512>(ref zr, ref tr, ref gr, ref termsRef, scale, withGradient);
            }
            else if (isa >= Isa.Avx2)
            {
                BlockTerms<Vector256<float>, Vector256Ops, LibmExpAndLog1p256>(ref zr, ref tr, ref gr, ref termsRef, scale, withGradient);
            }
            else
            {
                BlockTerms<Vector128<float>, Vector128Ops, LibmExpAndLog1p128>(ref zr, ref tr, ref gr, ref termsRef, scale, withGradient);
            }

            sum = AddInOrder(sum, ref termsRef);
        }

        for (var i = blocks * Block; i < n; i++)
        {
            sum += Element(z[i], t[i], scale, withGradient ? dz : [], i);
        }

        return sum;
    }

    // sum + terms[0] + terms[1] + ... + terms[Block - 1], one float add at a time. A method of its own
    // so that the running sum stays in a register: inlined into Run, beside the block's many live
    // vectors, the JIT kept it on the stack, and each add waited on a store and a reload (the loss of a
    // conv step took 420 us a batch of 128, 300 of them in this loop).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float AddInOrder(float sum, ref float terms)
    {
        for (var j = 0; j < Block; j++)
        {
            sum += Unsafe.Add(ref terms, j);
        }

        return sum;
    }

    // One element's loss; adds its gradient to dz[i] unless dz is empty.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Element(float z, float t, float scale, Span<float> dz, int i)
    {
        var e = LibmExpLog.ExpOfNonPositive(-MathF.Abs(z));
        if (!dz.IsEmpty)
        {
            // sigmoid(z) from the same e^-|z|, without overflow for either sign.
            var sigmoid = z >= 0f ? 1f / (1f + e) : e / (1f + e);
            dz[i] += scale * (sigmoid - t);
        }

        return MathF.Max(z, 0f) - (z * t) + LibmExpLog.Log1pOfUnit(e);
    }

    // One block's loss terms into `terms`, and its gradient added to gr when asked.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BlockTerms<TVec, TOps, TExp>(ref float zr, ref float tr, ref float gr, ref float terms, float scale, bool withGradient)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
        where TExp : struct, IExpAndLog1p<TVec>
    {
        var count = (nuint)TOps.Count;
        var zero = TOps.Create(0f);
        var one = TOps.Create(1f);
        for (nuint j = 0; j < Block; j += count)
        {
            var z = TOps.LoadUnsafe(ref zr, j);
            var t = TOps.LoadUnsafe(ref tr, j);
            var e = TExp.Exp(TOps.Negate(TOps.Abs(z)));
            if (withGradient)
            {
                var sigmoid = TOps.Divide(TOps.ConditionalSelect(TOps.GreaterThanOrEqual(z, zero), one, e), TOps.Add(one, e));
                var g = TOps.Multiply(TOps.Create(scale), TOps.Subtract(sigmoid, t));
                TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref gr, j), g), ref gr, j);
            }

            TOps.StoreUnsafe(TOps.Add(TOps.Subtract(TOps.Max(z, zero), TOps.Multiply(z, t)), TExp.Log1pOfUnit(e)), ref terms, j);
        }
    }
}
