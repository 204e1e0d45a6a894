using System.Runtime.CompilerServices;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Scalar micro-kernel: a 4 x 4 tile of C in 16 float locals. The reference path (no SIMD at
/// all) that runs where no vector hardware is accelerated, through the same packed driver.
/// </summary>
internal readonly struct Sgemm4x4Scalar : ISgemmMicroKernel
{
    public static int Mr => 4;

    public static int Nr => 4;

    public static int Mc => 192;

    public static int Kc => 256;

    public static int Nc => 4096;

    public static string Name => "4x4-scalar";

    // a: [kc, 4] packed; b: [kc, ldb] (4 columns used); c: [4, ldc]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc) =>
        Tile(kc, new PackedTileA(a, 4), b, ldb, alpha, beta, c, ldc, 4);

    // c: [rows, ldc]: all four rows computed (the reference path keeps one body), the first `rows` stored
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunRows(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows) =>
        Tile(kc, new PackedTileA(a, 4), b, ldb, alpha, beta, c, ldc, rows);

    // a: [4, lda], read in place
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void RunInPlace(nint kc, float* a, nint lda, float* b, nint ldb, float alpha, float beta, float* c, nint ldc) =>
        Tile(kc, new InPlaceTileA(a, lda), b, ldb, alpha, beta, c, ldc, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tile<TA>(nint kc, TA a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows)
        where TA : struct, ITileA
    {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (nint p = 0; p < kc; p++)
        {
            float b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
            var a0 = a.Row(0);
            c00 += a0 * b0;
            c01 += a0 * b1;
            c02 += a0 * b2;
            c03 += a0 * b3;
            var a1 = a.Row(1);
            c10 += a1 * b0;
            c11 += a1 * b1;
            c12 += a1 * b2;
            c13 += a1 * b3;
            var a2 = a.Row(2);
            c20 += a2 * b0;
            c21 += a2 * b1;
            c22 += a2 * b2;
            c23 += a2 * b3;
            var a3 = a.Row(3);
            c30 += a3 * b0;
            c31 += a3 * b1;
            c32 += a3 * b2;
            c33 += a3 * b3;
            a.Next();
            b += ldb;
        }

        StoreRow(c00, c01, c02, c03, alpha, beta, c + 0 * ldc);
        if (rows > 1)
        {
            StoreRow(c10, c11, c12, c13, alpha, beta, c + 1 * ldc);
        }

        if (rows > 2)
        {
            StoreRow(c20, c21, c22, c23, alpha, beta, c + 2 * ldc);
        }

        if (rows > 3)
        {
            StoreRow(c30, c31, c32, c33, alpha, beta, c + 3 * ldc);
        }
    }

    // c: [4]; c = alpha * acc + beta * c, C unread when beta is 0
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow(float c0, float c1, float c2, float c3, float alpha, float beta, float* c)
    {
        if (beta == 0f)
        {
            c[0] = alpha * c0;
            c[1] = alpha * c1;
            c[2] = alpha * c2;
            c[3] = alpha * c3;
        }
        else
        {
            c[0] = alpha * c0 + beta * c[0];
            c[1] = alpha * c1 + beta * c[1];
            c[2] = alpha * c2 + beta * c[2];
            c[3] = alpha * c3 + beta * c[3];
        }
    }
}
