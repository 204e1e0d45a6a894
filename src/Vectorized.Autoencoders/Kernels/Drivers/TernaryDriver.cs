using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>
/// destination[i] = TOp(x[i], y[i], z[i]), where y and z are spans or broadcast scalars (TY, TZ).
/// Same loop mechanics as <see cref="UnaryDriver"/>: the overlapping last vector is computed first.
/// </summary>
internal static class TernaryDriver
{
    public static void Invoke<TOp, TY, TZ>(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, Span<float> destination, Isa isa)
        where TOp : ITernaryOperator
        where TY : IOperand
        where TZ : IOperand
    {
        Validate.SameLength(x, destination, nameof(destination));
        Validate.Operand<TY>(y, x.Length, nameof(y));
        Validate.Operand<TZ>(z, x.Length, nameof(z));
        Validate.NoPartialOverlap(x, destination, nameof(x));
        Validate.NoPartialOverlap(y, destination, nameof(y));
        Validate.NoPartialOverlap(z, destination, nameof(z));
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        ref var zr = ref MemoryMarshal.GetReference(z);
        ref var dr = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)x.Length;

        if (isa >= Isa.Avx512 && n >= (nuint)Vector512<float>.Count)
        {
            var last = n - (nuint)Vector512<float>.Count;
            var tail = TOp.Invoke(Vector512.LoadUnsafe(ref xr, last), TY.Load512(ref yr, last), TZ.Load512(ref zr, last));
            for (nuint i = 0; i < last; i += (nuint)Vector512<float>.Count)
            {
                TOp.Invoke(Vector512.LoadUnsafe(ref xr, i), TY.Load512(ref yr, i), TZ.Load512(ref zr, i)).StoreUnsafe(ref dr, i);
            }

            tail.StoreUnsafe(ref dr, last);
        }
        else if (isa >= Isa.Avx2 && n >= (nuint)Vector256<float>.Count)
        {
            var last = n - (nuint)Vector256<float>.Count;
            var tail = TOp.Invoke(Vector256.LoadUnsafe(ref xr, last), TY.Load256(ref yr, last), TZ.Load256(ref zr, last));
            for (nuint i = 0; i < last; i += (nuint)Vector256<float>.Count)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref xr, i), TY.Load256(ref yr, i), TZ.Load256(ref zr, i)).StoreUnsafe(ref dr, i);
            }

            tail.StoreUnsafe(ref dr, last);
        }
        else if (isa >= Isa.V128 && n >= (nuint)Vector128<float>.Count)
        {
            var last = n - (nuint)Vector128<float>.Count;
            var tail = TOp.Invoke(Vector128.LoadUnsafe(ref xr, last), TY.Load128(ref yr, last), TZ.Load128(ref zr, last));
            for (nuint i = 0; i < last; i += (nuint)Vector128<float>.Count)
            {
                TOp.Invoke(Vector128.LoadUnsafe(ref xr, i), TY.Load128(ref yr, i), TZ.Load128(ref zr, i)).StoreUnsafe(ref dr, i);
            }

            tail.StoreUnsafe(ref dr, last);
        }
        else
        {
            for (nuint i = 0; i < n; i++)
            {
                Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i), TY.Load(ref yr, i), TZ.Load(ref zr, i));
            }
        }
    }
}
