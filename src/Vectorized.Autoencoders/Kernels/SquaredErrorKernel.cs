using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Kernels.Drivers;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>The gradient of a squared error, d/dy of scale/2 * sum (y - t)^2, added to dy.</summary>
internal static class SquaredErrorKernel
{
    /// <summary>dy += scale * (y - t), rounded as that C# expression is: the difference, the product, the sum.</summary>
    // y, t, dy: [n]
    public static void AddGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> t, float scale, Span<float> dy) =>
        AddGradient(y, t, scale, dy, IsaSelector.Current);

    internal static void AddGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> t, float scale, Span<float> dy, Isa isa)
    {
        Validate.SameLength(y, t, nameof(t));
        Validate.SameLength(y, dy, nameof(dy));
        var loop = new GradientLoop(y, t, scale, dy);
        VectorLoop.Run(ref loop, y.Length, isa);
    }

    private ref struct GradientLoop(ReadOnlySpan<float> y, ReadOnlySpan<float> t, float scale, Span<float> dy) : IVectorLoop
    {
        private readonly ReadOnlySpan<float> _y = y;
        private readonly ReadOnlySpan<float> _t = t;
        private readonly Span<float> _dy = dy;
        private readonly float _scale = scale;

        public readonly nuint Vectors<TVec, TOps>(nuint n)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>
        {
            ref var yr = ref MemoryMarshal.GetReference(_y);
            ref var tr = ref MemoryMarshal.GetReference(_t);
            ref var gr = ref MemoryMarshal.GetReference(_dy);
            var count = (nuint)TOps.Count;
            var scale = TOps.Create(_scale);
            nuint i = 0;
            for (; i + count <= n; i += count)
            {
                var d = TOps.Subtract(TOps.LoadUnsafe(ref yr, i), TOps.LoadUnsafe(ref tr, i));
                TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref gr, i), TOps.Multiply(scale, d)), ref gr, i);
            }

            return i;
        }

        public readonly void Scalar(nuint i) => _dy[(int)i] += _scale * (_y[(int)i] - _t[(int)i]);
    }
}
