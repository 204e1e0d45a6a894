using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>
/// destination[i] = TOp(x[i], y[i]), where y is a span or a broadcast scalar (TY). Same loop
/// mechanics as <see cref="UnaryDriver"/>: the overlapping last vector is computed first.
/// </summary>
internal static class BinaryDriver
{
    public static void Invoke<TOp, TY>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination, Isa isa)
        where TOp : IBinaryOperator
        where TY : IOperand
    {
        Validate.SameLength(x, destination, nameof(destination));
        Validate.Operand<TY>(y, x.Length, nameof(y));
        Validate.NoPartialOverlap(x, destination, nameof(x));
        Validate.NoPartialOverlap(y, destination, nameof(y));
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var dr = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)x.Length;

        if (isa >= Isa.Avx512 && n >= (nuint)Vector512<float>.Count)
        {
            var last = n - (nuint)Vector512<float>.Count;
            var tail = TOp.Invoke(Vector512.LoadUnsafe(ref xr, last), TY.Load512(ref yr, last));
            for (nuint i = 0; i < last; i += (nuint)Vector512<float>.Count)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, i), TY.Load512(ref yr, i)).StoreUnsafe(ref dr, i);
            }

            tail.StoreUnsafe(ref dr, last);
        }
        else if (isa >= Isa.Avx2 && n >= (nuint)Vector256<float>.Count)
        {
            var last = n - (nuint)Vector256<float>.Count;
            var tail = TOp.Invoke(Vector256.LoadUnsafe(ref xr, last), TY.Load256(ref yr, last));
            for (nuint i = 0; i < last; i += (nuint)Vector256<float>.Count)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, i), TY.Load256(ref yr, i)).StoreUnsafe(ref dr, i);
            }

            tail.StoreUnsafe(ref dr, last);
        }
        else if (isa >= Isa.V128 && n >= (nuint)Vector128<float>.Count)
        {
            var last = n - (nuint)Vector128<float>.Count;
            var tail = TOp.Invoke(Vector128.LoadUnsafe(ref xr, last), TY.Load128(ref yr, last));
            for (nuint i = 0; i < last; i += (nuint)Vector128<float>.Count)
            {
                TOp.Invoke(Vector128.LoadUnsafe(ref xr, i), TY.Load128(ref yr, i)).StoreUnsafe(ref dr, i);
            }

            tail.StoreUnsafe(ref dr, last);
        }
        else
        {
            for (nuint i = 0; i < n; i++)
            {
                Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), TY.Load(ref yr, i));
            }
        }
    }
}
