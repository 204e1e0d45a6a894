using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>
/// Reductions: TAggregate over TTransform(x[i]) (or TTransform(x[i], y[i])). Full vectors from
/// element 0, then the last full vector again with the lanes already counted replaced by the
/// identity. The loop never realigns, so the order of additions (and the result) depends only on
/// the length and the ISA, never on where the buffer happens to sit in memory.
/// </summary>
internal static class AggregateDriver
{
    public static float Invoke<TTransform, TAggregate>(ReadOnlySpan<float> x, Isa isa)
        where TTransform : IUnaryOperator
        where TAggregate : IAggregationOperator
    {
        // A unary transform is the binary one that ignores its second input, which reads x again.
        return Invoke<IgnoreSecond<TTransform>, TAggregate>(x, x, isa);
    }

    public static float Invoke<TTransform, TAggregate>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Isa isa)
        where TTransform : IBinaryOperator
        where TAggregate : IAggregationOperator
    {
        Validate.SameLength(x, y, nameof(y));
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var n = (nuint)x.Length;

        if (isa >= Isa.Avx512 && n >= (nuint)Vector512<float>.Count)
        {
            var identity = Vector512.Create(TAggregate.Identity);
            var acc = identity;
            nuint i = 0;
            for (; i + (nuint)Vector512<float>.Count <= n; i += (nuint)Vector512<float>.Count)
            {
                acc = TAggregate.Invoke(acc, TTransform.Invoke(Vector512.LoadUnsafe(ref xr, i), Vector512.LoadUnsafe(ref yr, i)));
            }

            if (i < n)
            {
                var last = n - (nuint)Vector512<float>.Count;
                var fresh = Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create((int)(i - last))).AsSingle();
                var v = TTransform.Invoke(Vector512.LoadUnsafe(ref xr, last), Vector512.LoadUnsafe(ref yr, last));
                acc = TAggregate.Invoke(acc, Vector512.ConditionalSelect(fresh, v, identity));
            }

            return TAggregate.Reduce(acc);
        }

        if (isa >= Isa.Avx2 && n >= (nuint)Vector256<float>.Count)
        {
            var identity = Vector256.Create(TAggregate.Identity);
            var acc = identity;
            nuint i = 0;
            for (; i + (nuint)Vector256<float>.Count <= n; i += (nuint)Vector256<float>.Count)
            {
                acc = TAggregate.Invoke(acc, TTransform.Invoke(Vector256.LoadUnsafe(ref xr, i), Vector256.LoadUnsafe(ref yr, i)));
            }

            if (i < n)
            {
                var last = n - (nuint)Vector256<float>.Count;
                var fresh = Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create((int)(i - last))).AsSingle();
                var v = TTransform.Invoke(Vector256.LoadUnsafe(ref xr, last), Vector256.LoadUnsafe(ref yr, last));
                acc = TAggregate.Invoke(acc, Vector256.ConditionalSelect(fresh, v, identity));
            }

            return TAggregate.Reduce(acc);
        }

        if (isa >= Isa.V128 && n >= (nuint)Vector128<float>.Count)
        {
            var identity = Vector128.Create(TAggregate.Identity);
            var acc = identity;
            nuint i = 0;
            for (; i + (nuint)Vector128<float>.Count <= n; i += (nuint)Vector128<float>.Count)
            {
                acc = TAggregate.Invoke(acc, TTransform.Invoke(Vector128.LoadUnsafe(ref xr, i), Vector128.LoadUnsafe(ref yr, i)));
            }

            if (i < n)
            {
                var last = n - (nuint)Vector128<float>.Count;
                var fresh = Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create((int)(i - last))).AsSingle();
                var v = TTransform.Invoke(Vector128.LoadUnsafe(ref xr, last), Vector128.LoadUnsafe(ref yr, last));
                acc = TAggregate.Invoke(acc, Vector128.ConditionalSelect(fresh, v, identity));
            }

            return TAggregate.Reduce(acc);
        }

        var result = TAggregate.Identity;
        for (nuint i = 0; i < n; i++)
        {
            result = TAggregate.Invoke(result, TTransform.Invoke(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i)));
        }

        return result;
    }

    /// <summary>Adapts a unary transform to the binary driver.</summary>
    private readonly struct IgnoreSecond<TTransform> : IBinaryOperator
        where TTransform : IUnaryOperator
    {
        public static float Invoke(float x, float y) => TTransform.Invoke(x);

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y) => TTransform.Invoke(x);

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y) => TTransform.Invoke(x);

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y) => TTransform.Invoke(x);
    }
}
