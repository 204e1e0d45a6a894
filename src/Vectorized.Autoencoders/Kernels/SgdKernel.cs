using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Kernels.Drivers;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels;

/// <summary>
/// One step of SGD with momentum: v = momentum v - lr g; p += v. Unfused products, as the C#
/// expressions round them, on every path, so any split of the buffer gives the same bits.
/// </summary>
internal static class SgdKernel
{
    // gradient, parameters, velocity: [n]
    public static void Step(ReadOnlySpan<float> gradient, float learningRate, float momentum, Span<float> parameters, Span<float> velocity) =>
        Step(gradient, learningRate, momentum, parameters, velocity, IsaSelector.Current);

    internal static void Step(ReadOnlySpan<float> gradient, float learningRate, float momentum, Span<float> parameters, Span<float> velocity, Isa isa)
    {
        Validate.SameLength(gradient, parameters, nameof(parameters));
        Validate.SameLength(gradient, velocity, nameof(velocity));
        var loop = new StepLoop(gradient, learningRate, momentum, parameters, velocity);
        VectorLoop.Run(ref loop, gradient.Length, isa);
    }

    private ref struct StepLoop(ReadOnlySpan<float> gradient, float learningRate, float momentum, Span<float> parameters, Span<float> velocity) : IVectorLoop
    {
        private readonly ReadOnlySpan<float> _g = gradient;
        private readonly Span<float> _p = parameters;
        private readonly Span<float> _v = velocity;
        private readonly float _lr = learningRate;
        private readonly float _momentum = momentum;

        public readonly nuint Vectors<TVec, TOps>(nuint n)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>
        {
            ref var gr = ref MemoryMarshal.GetReference(_g);
            ref var pr = ref MemoryMarshal.GetReference(_p);
            ref var vr = ref MemoryMarshal.GetReference(_v);
            var count = (nuint)TOps.Count;
            var lr = TOps.Create(_lr);
            var momentum = TOps.Create(_momentum);
            nuint i = 0;
            for (; i + count <= n; i += count)
            {
                var vi = TOps.Subtract(TOps.Multiply(momentum, TOps.LoadUnsafe(ref vr, i)), TOps.Multiply(lr, TOps.LoadUnsafe(ref gr, i)));
                TOps.StoreUnsafe(vi, ref vr, i);
                TOps.StoreUnsafe(TOps.Add(TOps.LoadUnsafe(ref pr, i), vi), ref pr, i);
            }

            return i;
        }

        public readonly void Scalar(nuint i)
        {
            var k = (int)i;
            var vi = (_momentum * _v[k]) - (_lr * _g[k]);
            _v[k] = vi;
            _p[k] += vi;
        }
    }
}
