using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Kernels.Drivers;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>The gradient of an activity penalty l1 * sum |a| + l2 * sum a^2, added to da.</summary>
internal static class ActivityPenaltyKernel
{
    /// <summary>
    /// da += l1 * sign(a) + l2x2 * a, with sign(0) = 0 as in TensorFlow, rounded as that C#
    /// expression is (two products, their sum, then the add). A NaN activation gives a NaN
    /// gradient (sign(NaN) counts as 0), where MathF.Sign would throw.
    /// </summary>
    // a, da: [n]
    public static void AddGradient(ReadOnlySpan<float> a, float l1, float l2x2, Span<float> da) =>
        AddGradient(a, l1, l2x2, da, IsaSelector.Current);

    internal static void AddGradient(ReadOnlySpan<float> a, float l1, float l2x2, Span<float> da, Isa isa)
    {
        Validate.SameLength(a, da, nameof(da));
        var loop = new GradientLoop(a, l1, l2x2, da);
        VectorLoop.Run(ref loop, a.Length, isa);
    }

    private ref struct GradientLoop(ReadOnlySpan<float> a, float l1, float l2x2, Span<float> da) : IVectorLoop
    {
        private readonly ReadOnlySpan<float> _a = a;
        private readonly Span<float> _da = da;
        private readonly float _l1 = l1;
        private readonly float _l2x2 = l2x2;

        public readonly nuint Vectors<TVec, TOps>(nuint n)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>
        {
            ref var ar = ref MemoryMarshal.GetReference(_a);
            ref var gr = ref MemoryMarshal.GetReference(_da);
            var count = (nuint)TOps.Count;
            var zero = TOps.Create(0f);
            var one = TOps.Create(1f);
            var l1 = TOps.Create(_l1);
            var l2x2 = TOps.Create(_l2x2);
            nuint i = 0;
            for (; i + count <= n; i += count)
            {
                var v = TOps.LoadUnsafe(ref ar, i);
                // 1 - 0 above zero, 0 - 1 below, 0 - 0 at either zero (a +0, as MathF.Sign's int 0 gives).
                var sign = TOps.Subtract(
                    TOps.ConditionalSelect(TOps.GreaterThanOrEqual(zero, v), zero, one),
                    TOps.ConditionalSelect(TOps.GreaterThanOrEqual(v, zero), zero, one));
                var g = TOps.Add(TOps.Multiply(l1, sign), TOps.Multiply(l2x2, v));
                TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref gr, i), g), ref gr, i);
            }

            return i;
        }

        public readonly void Scalar(nuint i)
        {
            var v = _a[(int)i];
            var sign = (0f >= v ? 0f : 1f) - (v >= 0f ? 0f : 1f);
            _da[(int)i] += (_l1 * sign) + (_l2x2 * v);
        }
    }
}
