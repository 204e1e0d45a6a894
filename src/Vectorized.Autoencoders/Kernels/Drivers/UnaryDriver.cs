using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>
/// destination[i] = TOp(x[i]). The loop mechanics of every one-input kernel: full vectors of the
/// widest width the ISA allows, then the last full vector again, overlapping work already done.
/// That last vector is computed from the input BEFORE the main loop writes, so exact in-place
/// use (destination == x) stays correct even for ops that are not idempotent (scale, exp).
/// </summary>
internal static class UnaryDriver
{
    public static void Invoke<TOp>(ReadOnlySpan<float> x, Span<float> destination, Isa isa)
        where TOp : IUnaryOperator
    {
        Validate.SameLength(x, destination, nameof(destination));
        Validate.NoPartialOverlap(x, destination, nameof(x));
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var dr = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)x.Length;

        // Lengths shorter than a vector fall through to the next narrower width.
        if (isa >= Isa.Avx512 && n >= (nuint)Vector512<float>.Count)
        {
            Loop512<TOp>(ref xr, ref dr, n);
        }
        else if (isa >= Isa.Avx2 && n >= (nuint)Vector256<float>.Count)
        {
            Loop256<TOp>(ref xr, ref dr, n);
        }
        else if (isa >= Isa.V128 && n >= (nuint)Vector128<float>.Count)
        {
            Loop128<TOp>(ref xr, ref dr, n);
        }
        else
        {
            for (nuint i = 0; i < n; i++)
            {
                Unsafe.Add(ref dr, i) = TOp.Invoke(Unsafe.Add(ref xr, i));
            }
        }
    }

    private static void Loop512<TOp>(ref float xr, ref float dr, nuint n)
        where TOp : IUnaryOperator
    {
        var last = n - (nuint)Vector512<float>.Count;
        var tail = TOp.Invoke(Vector512.LoadUnsafe(ref xr, last));
        for (nuint i = 0; i < last; i += (nuint)Vector512<float>.Count)
        {
            TOp.Invoke(Vector512.LoadUnsafe(ref xr, i)).StoreUnsafe(ref dr, i);
        }

        tail.StoreUnsafe(ref dr, last);
    }

    private static void Loop256<TOp>(ref float xr, ref float dr, nuint n)
        where TOp : IUnaryOperator
    {
        var last = n - (nuint)Vector256<float>.Count;
        var tail = TOp.Invoke(Vector256.LoadUnsafe(ref xr, last));
        for (nuint i = 0; i < last; i += (nuint)Vector256<float>.Count)
        {
            TOp.Invoke(Vector256.LoadUnsafe(ref xr, i)).StoreUnsafe(ref dr, i);
        }

        tail.StoreUnsafe(ref dr, last);
    }

    private static void Loop128<TOp>(ref float xr, ref float dr, nuint n)
        where TOp : IUnaryOperator
    {
        var last = n - (nuint)Vector128<float>.Count;
        var tail = TOp.Invoke(Vector128.LoadUnsafe(ref xr, last));
        for (nuint i = 0; i < last; i += (nuint)Vector128<float>.Count)
        {
            TOp.Invoke(Vector128.LoadUnsafe(ref xr, i)).StoreUnsafe(ref dr, i);
        }

        tail.StoreUnsafe(ref dr, last);
    }
}
