using System.Runtime.CompilerServices;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// The body of the 6-row micro-kernels whose only difference is the vector width: a 6 x (2 w) tile
/// of C in 12 vector accumulators (w lanes each), two B vectors and one
/// broadcast A value per step. <see cref="Sgemm6x16Avx2"/> runs it on Vector256, <see cref="Sgemm6x8Vector128"/>
/// on Vector128; the JIT compiles one specialised copy per width.
/// </summary>
internal static class SgemmSixRows
{
    // a: [kc, 6] packed; b: [kc, ldb] (2 w columns used); c: [6, ldc]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Run<TVec, TOps>(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var w = TOps.Count;
        TVec c0x0 = default, c0x1 = default;
        TVec c1x0 = default, c1x1 = default;
        TVec c2x0 = default, c2x1 = default;
        TVec c3x0 = default, c3x1 = default;
        TVec c4x0 = default, c4x1 = default;
        TVec c5x0 = default, c5x1 = default;
        for (nint p = 0; p < kc; p++)
        {
            var b0 = TOps.Load(b);
            var b1 = TOps.Load(b + w);
            var a0 = TOps.Create(a[0]);
            c0x0 = TOps.FusedMultiplyAdd(a0, b0, c0x0);
            c0x1 = TOps.FusedMultiplyAdd(a0, b1, c0x1);
            var a1 = TOps.Create(a[1]);
            c1x0 = TOps.FusedMultiplyAdd(a1, b0, c1x0);
            c1x1 = TOps.FusedMultiplyAdd(a1, b1, c1x1);
            var a2 = TOps.Create(a[2]);
            c2x0 = TOps.FusedMultiplyAdd(a2, b0, c2x0);
            c2x1 = TOps.FusedMultiplyAdd(a2, b1, c2x1);
            var a3 = TOps.Create(a[3]);
            c3x0 = TOps.FusedMultiplyAdd(a3, b0, c3x0);
            c3x1 = TOps.FusedMultiplyAdd(a3, b1, c3x1);
            var a4 = TOps.Create(a[4]);
            c4x0 = TOps.FusedMultiplyAdd(a4, b0, c4x0);
            c4x1 = TOps.FusedMultiplyAdd(a4, b1, c4x1);
            var a5 = TOps.Create(a[5]);
            c5x0 = TOps.FusedMultiplyAdd(a5, b0, c5x0);
            c5x1 = TOps.FusedMultiplyAdd(a5, b1, c5x1);
            a += 6;
            b += ldb;
        }

        var va = TOps.Create(alpha);
        if (beta == 0f)
        {
            TOps.Store(TOps.Multiply(c0x0, va), c + 0 * ldc);
            TOps.Store(TOps.Multiply(c0x1, va), c + 0 * ldc + w);
            TOps.Store(TOps.Multiply(c1x0, va), c + 1 * ldc);
            TOps.Store(TOps.Multiply(c1x1, va), c + 1 * ldc + w);
            TOps.Store(TOps.Multiply(c2x0, va), c + 2 * ldc);
            TOps.Store(TOps.Multiply(c2x1, va), c + 2 * ldc + w);
            TOps.Store(TOps.Multiply(c3x0, va), c + 3 * ldc);
            TOps.Store(TOps.Multiply(c3x1, va), c + 3 * ldc + w);
            TOps.Store(TOps.Multiply(c4x0, va), c + 4 * ldc);
            TOps.Store(TOps.Multiply(c4x1, va), c + 4 * ldc + w);
            TOps.Store(TOps.Multiply(c5x0, va), c + 5 * ldc);
            TOps.Store(TOps.Multiply(c5x1, va), c + 5 * ldc + w);
        }
        else
        {
            var vb = TOps.Create(beta);
            StoreRow<TVec, TOps>(c0x0, c0x1, va, vb, c + 0 * ldc, w);
            StoreRow<TVec, TOps>(c1x0, c1x1, va, vb, c + 1 * ldc, w);
            StoreRow<TVec, TOps>(c2x0, c2x1, va, vb, c + 2 * ldc, w);
            StoreRow<TVec, TOps>(c3x0, c3x1, va, vb, c + 3 * ldc, w);
            StoreRow<TVec, TOps>(c4x0, c4x1, va, vb, c + 4 * ldc, w);
            StoreRow<TVec, TOps>(c5x0, c5x1, va, vb, c + 5 * ldc, w);
        }
    }

    // c: [2 w]; c = alpha * acc + beta * c
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow<TVec, TOps>(TVec acc0, TVec acc1, TVec alpha, TVec beta, float* c, int w)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        TOps.Store(TOps.FusedMultiplyAdd(acc0, alpha, TOps.Multiply(beta, TOps.Load(c))), c);
        TOps.Store(TOps.FusedMultiplyAdd(acc1, alpha, TOps.Multiply(beta, TOps.Load(c + w))), c + w);
    }
}
