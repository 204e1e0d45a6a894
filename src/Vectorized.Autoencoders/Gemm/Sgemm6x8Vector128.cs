using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;

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
    public static unsafe void Run(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc) =>
        SgemmSixRows.Run<Vector128<float>, Vector128Ops>(kc, a, b, ldb, alpha, beta, c, ldc);

    // c: [rows, ldc], rows 1..5
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunRows(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows) =>
        SgemmSixRows.RunRows<Vector128<float>, Vector128Ops>(kc, a, b, ldb, alpha, beta, c, ldc, rows);

    // a: [6, lda], read in place
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunInPlace(nint kc, float* a, nint lda, float* b, nint ldb, float alpha, float beta, float* c, nint ldc) =>
        SgemmSixRows.RunInPlace<Vector128<float>, Vector128Ops>(kc, a, lda, b, ldb, alpha, beta, c, ldc);
}
