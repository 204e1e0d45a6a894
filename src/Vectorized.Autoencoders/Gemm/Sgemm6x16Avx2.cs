using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// AVX2 + FMA micro-kernel: a 6 x 16 tile of C in 12 <see cref="Vector256{T}"/> accumulators,
/// leaving 4 of the 16 ymm registers for the two B vectors and the broadcast A value.
/// </summary>
internal readonly struct Sgemm6x16Avx2 : ISgemmMicroKernel
{
    public static int Mr => 6;

    public static int Nr => 16;

    // A block 192 x 256 floats = 192 KiB in L2; a B micro-panel 256 x 16 = 16 KiB in L1.
    public static int Mc => 192;

    public static int Kc => 256;

    public static int Nc => 4096;

    public static string Name => "6x16-avx2";

    // a: [kc, 6] packed; b: [kc, ldb] (16 columns used); c: [6, ldc]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc)
    {
        Vector256<float> c0x0 = default, c0x1 = default;
        Vector256<float> c1x0 = default, c1x1 = default;
        Vector256<float> c2x0 = default, c2x1 = default;
        Vector256<float> c3x0 = default, c3x1 = default;
        Vector256<float> c4x0 = default, c4x1 = default;
        Vector256<float> c5x0 = default, c5x1 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c0x0 = Vector256.FusedMultiplyAdd(a0, b0, c0x0);
            c0x1 = Vector256.FusedMultiplyAdd(a0, b1, c0x1);
            var a1 = Vector256.Create(a[1]);
            c1x0 = Vector256.FusedMultiplyAdd(a1, b0, c1x0);
            c1x1 = Vector256.FusedMultiplyAdd(a1, b1, c1x1);
            var a2 = Vector256.Create(a[2]);
            c2x0 = Vector256.FusedMultiplyAdd(a2, b0, c2x0);
            c2x1 = Vector256.FusedMultiplyAdd(a2, b1, c2x1);
            var a3 = Vector256.Create(a[3]);
            c3x0 = Vector256.FusedMultiplyAdd(a3, b0, c3x0);
            c3x1 = Vector256.FusedMultiplyAdd(a3, b1, c3x1);
            var a4 = Vector256.Create(a[4]);
            c4x0 = Vector256.FusedMultiplyAdd(a4, b0, c4x0);
            c4x1 = Vector256.FusedMultiplyAdd(a4, b1, c4x1);
            var a5 = Vector256.Create(a[5]);
            c5x0 = Vector256.FusedMultiplyAdd(a5, b0, c5x0);
            c5x1 = Vector256.FusedMultiplyAdd(a5, b1, c5x1);
            a += 6;
            b += ldb;
        }

        var va = Vector256.Create(alpha);
        if (beta == 0f)
        {
            Vector256.Store(c0x0 * va, c + 0 * ldc);
            Vector256.Store(c0x1 * va, c + 0 * ldc + 8);
            Vector256.Store(c1x0 * va, c + 1 * ldc);
            Vector256.Store(c1x1 * va, c + 1 * ldc + 8);
            Vector256.Store(c2x0 * va, c + 2 * ldc);
            Vector256.Store(c2x1 * va, c + 2 * ldc + 8);
            Vector256.Store(c3x0 * va, c + 3 * ldc);
            Vector256.Store(c3x1 * va, c + 3 * ldc + 8);
            Vector256.Store(c4x0 * va, c + 4 * ldc);
            Vector256.Store(c4x1 * va, c + 4 * ldc + 8);
            Vector256.Store(c5x0 * va, c + 5 * ldc);
            Vector256.Store(c5x1 * va, c + 5 * ldc + 8);
        }
        else
        {
            var vb = Vector256.Create(beta);
            StoreRow(c0x0, c0x1, va, vb, c + 0 * ldc);
            StoreRow(c1x0, c1x1, va, vb, c + 1 * ldc);
            StoreRow(c2x0, c2x1, va, vb, c + 2 * ldc);
            StoreRow(c3x0, c3x1, va, vb, c + 3 * ldc);
            StoreRow(c4x0, c4x1, va, vb, c + 4 * ldc);
            StoreRow(c5x0, c5x1, va, vb, c + 5 * ldc);
        }
    }

    // c: [16]; c = alpha * acc + beta * c
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(Vector256<float> acc0, Vector256<float> acc1, Vector256<float> alpha, Vector256<float> beta, float* c)
    {
        Vector256.Store(Vector256.FusedMultiplyAdd(acc0, alpha, beta * Vector256.Load(c)), c);
        Vector256.Store(Vector256.FusedMultiplyAdd(acc1, alpha, beta * Vector256.Load(c + 8)), c + 8);
    }
}
