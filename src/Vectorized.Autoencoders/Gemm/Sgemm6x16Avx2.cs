using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

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
    public static unsafe void Run(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc) =>
        SgemmSixRows.Run<Vector256<float>, Vector256Ops>(kc, a, b, ldb, alpha, beta, c, ldc);

    // c: [rows, ldc], rows 1..5
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunRows(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows) =>
        SgemmSixRows.RunRows<Vector256<float>, Vector256Ops>(kc, a, b, ldb, alpha, beta, c, ldc, rows);

    // a: [6, lda], read in place
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunInPlace(nint kc, float* a, nint lda, float* b, nint ldb, float alpha, float beta, float* c, nint ldc) =>
        SgemmSixRows.RunInPlace<Vector256<float>, Vector256Ops>(kc, a, lda, b, ldb, alpha, beta, c, ldc);
}
