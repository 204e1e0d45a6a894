using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Portable Vector128 micro-kernel: a 6 x 8 tile of C in 12 <see cref="Vector128{T}"/>
/// accumulators, fitting the 16 xmm registers of x64 (ARM64 has 32); the JIT turns
/// <c>Vector128.FusedMultiplyAdd</c> into FMA on x64 and FMLA on ARM64.
/// </summary>
internal readonly struct Sgemm6x8Vector128 : ISgemmMicroKernel
{
    public static int Mr => 6;

    public static int Nr => 8;

    // A block 192 x 256 floats = 192 KiB in L2; a B micro-panel 256 x 8 = 8 KiB in L1.
    public static int Mc => 192;

    public static int Kc => 256;

    public static int Nc => 4096;

    public static string Name => "6x8-v128";

    // a: [kc, 6] packed; b: [kc, ldb] (8 columns used); c: [6, ldc]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc)
    {
        Vector128<float> c0x0 = default, c0x1 = default;
        Vector128<float> c1x0 = default, c1x1 = default;
        Vector128<float> c2x0 = default, c2x1 = default;
        Vector128<float> c3x0 = default, c3x1 = default;
        Vector128<float> c4x0 = default, c4x1 = default;
        Vector128<float> c5x0 = default, c5x1 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = Vector128.Load(b);
            var b1 = Vector128.Load(b + 4);
            var a0 = Vector128.Create(a[0]);
            c0x0 = Vector128.FusedMultiplyAdd(a0, b0, c0x0);
            c0x1 = Vector128.FusedMultiplyAdd(a0, b1, c0x1);
            var a1 = Vector128.Create(a[1]);
            c1x0 = Vector128.FusedMultiplyAdd(a1, b0, c1x0);
            c1x1 = Vector128.FusedMultiplyAdd(a1, b1, c1x1);
            var a2 = Vector128.Create(a[2]);
            c2x0 = Vector128.FusedMultiplyAdd(a2, b0, c2x0);
            c2x1 = Vector128.FusedMultiplyAdd(a2, b1, c2x1);
            var a3 = Vector128.Create(a[3]);
            c3x0 = Vector128.FusedMultiplyAdd(a3, b0, c3x0);
            c3x1 = Vector128.FusedMultiplyAdd(a3, b1, c3x1);
            var a4 = Vector128.Create(a[4]);
            c4x0 = Vector128.FusedMultiplyAdd(a4, b0, c4x0);
            c4x1 = Vector128.FusedMultiplyAdd(a4, b1, c4x1);
            var a5 = Vector128.Create(a[5]);
            c5x0 = Vector128.FusedMultiplyAdd(a5, b0, c5x0);
            c5x1 = Vector128.FusedMultiplyAdd(a5, b1, c5x1);
            a += 6;
            b += ldb;
        }

        var va = Vector128.Create(alpha);
        if (beta == 0f)
        {
            Vector128.Store(c0x0 * va, c + 0 * ldc);
            Vector128.Store(c0x1 * va, c + 0 * ldc + 4);
            Vector128.Store(c1x0 * va, c + 1 * ldc);
            Vector128.Store(c1x1 * va, c + 1 * ldc + 4);
            Vector128.Store(c2x0 * va, c + 2 * ldc);
            Vector128.Store(c2x1 * va, c + 2 * ldc + 4);
            Vector128.Store(c3x0 * va, c + 3 * ldc);
            Vector128.Store(c3x1 * va, c + 3 * ldc + 4);
            Vector128.Store(c4x0 * va, c + 4 * ldc);
            Vector128.Store(c4x1 * va, c + 4 * ldc + 4);
            Vector128.Store(c5x0 * va, c + 5 * ldc);
            Vector128.Store(c5x1 * va, c + 5 * ldc + 4);
        }
        else
        {
            var vb = Vector128.Create(beta);
            StoreRow(c0x0, c0x1, va, vb, c + 0 * ldc);
            StoreRow(c1x0, c1x1, va, vb, c + 1 * ldc);
            StoreRow(c2x0, c2x1, va, vb, c + 2 * ldc);
            StoreRow(c3x0, c3x1, va, vb, c + 3 * ldc);
            StoreRow(c4x0, c4x1, va, vb, c + 4 * ldc);
            StoreRow(c5x0, c5x1, va, vb, c + 5 * ldc);
        }
    }

    // c: [8]; c = alpha * acc + beta * c
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(Vector128<float> acc0, Vector128<float> acc1, Vector128<float> alpha, Vector128<float> beta, float* c)
    {
        Vector128.Store(Vector128.FusedMultiplyAdd(acc0, alpha, beta * Vector128.Load(c)), c);
        Vector128.Store(Vector128.FusedMultiplyAdd(acc1, alpha, beta * Vector128.Load(c + 4)), c + 4);
    }
}
