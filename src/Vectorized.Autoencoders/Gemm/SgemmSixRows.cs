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
        where TOps : struct, IVectorOps<TVec> =>
        Tile<TVec, TOps, SixRows, PackedTileA>(kc, new PackedTileA(a, 6), b, ldb, alpha, beta, c, ldc, 6);

    // a: the tile's first row of a row-major A at depth pc, [6, lda]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void RunInPlace<TVec, TOps>(nint kc, float* a, nint lda, float* b, nint ldb, float alpha, float beta, float* c, nint ldc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec> =>
        Tile<TVec, TOps, SixRows, InPlaceTileA>(kc, new InPlaceTileA(a, lda), b, ldb, alpha, beta, c, ldc, 6);

    // c: [rows, ldc], rows 1..5: the body for 2, 4 or 6 rows, whichever covers them.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void RunRows<TVec, TOps>(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        if (rows <= 2)
        {
            Tile<TVec, TOps, TwoRows, PackedTileA>(kc, new PackedTileA(a, 6), b, ldb, alpha, beta, c, ldc, rows);
        }
        else if (rows <= 4)
        {
            Tile<TVec, TOps, FourRows, PackedTileA>(kc, new PackedTileA(a, 6), b, ldb, alpha, beta, c, ldc, rows);
        }
        else
        {
            Tile<TVec, TOps, SixRows, PackedTileA>(kc, new PackedTileA(a, 6), b, ldb, alpha, beta, c, ldc, rows);
        }
    }

    // The first TRows.Rows rows of the tile computed, the first `rows` of them stored. Row i's
    // arithmetic does not depend on TRows, so an edge row has a full tile's bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Tile<TVec, TOps, TRows, TA>(nint kc, TA a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
        where TRows : struct, ITileRows
        where TA : struct, ITileA
    {
        var w = TOps.Count;
        var r = TRows.Rows;
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
            var a0 = TOps.Create(a.Row(0));
            c0x0 = TOps.FusedMultiplyAdd(a0, b0, c0x0);
            c0x1 = TOps.FusedMultiplyAdd(a0, b1, c0x1);
            var a1 = TOps.Create(a.Row(1));
            c1x0 = TOps.FusedMultiplyAdd(a1, b0, c1x0);
            c1x1 = TOps.FusedMultiplyAdd(a1, b1, c1x1);
            if (r > 2)
            {
                var a2 = TOps.Create(a.Row(2));
                c2x0 = TOps.FusedMultiplyAdd(a2, b0, c2x0);
                c2x1 = TOps.FusedMultiplyAdd(a2, b1, c2x1);
                var a3 = TOps.Create(a.Row(3));
                c3x0 = TOps.FusedMultiplyAdd(a3, b0, c3x0);
                c3x1 = TOps.FusedMultiplyAdd(a3, b1, c3x1);
            }

            if (r > 4)
            {
                var a4 = TOps.Create(a.Row(4));
                c4x0 = TOps.FusedMultiplyAdd(a4, b0, c4x0);
                c4x1 = TOps.FusedMultiplyAdd(a4, b1, c4x1);
                var a5 = TOps.Create(a.Row(5));
                c5x0 = TOps.FusedMultiplyAdd(a5, b0, c5x0);
                c5x1 = TOps.FusedMultiplyAdd(a5, b1, c5x1);
            }

            a.Next();
            b += ldb;
        }

        // Rows past `rows` are never stored (in a full tile the row checks fold away).
        var va = TOps.Create(alpha);
        var vb = TOps.Create(beta);
        var overwrite = beta == 0f;
        StoreRow<TVec, TOps>(c0x0, c0x1, 0, rows, va, vb, overwrite, c, ldc);
        StoreRow<TVec, TOps>(c1x0, c1x1, 1, rows, va, vb, overwrite, c, ldc);
        if (r > 2)
        {
            StoreRow<TVec, TOps>(c2x0, c2x1, 2, rows, va, vb, overwrite, c, ldc);
            StoreRow<TVec, TOps>(c3x0, c3x1, 3, rows, va, vb, overwrite, c, ldc);
        }

        if (r > 4)
        {
            StoreRow<TVec, TOps>(c4x0, c4x1, 4, rows, va, vb, overwrite, c, ldc);
            StoreRow<TVec, TOps>(c5x0, c5x1, 5, rows, va, vb, overwrite, c, ldc);
        }
    }

    // C row `row` (if below `rows`): c = alpha * acc + beta * c, or alpha * acc without reading C when beta is 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreRow<TVec, TOps>(TVec acc0, TVec acc1, int row, int rows, TVec alpha, TVec beta, bool overwrite, float* c, nint ldc)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        if (row >= rows)
        {
            return;
        }

        var w = TOps.Count;
        c += row * ldc;
        if (overwrite)
        {
            TOps.Store(TOps.Multiply(acc0, alpha), c);
            TOps.Store(TOps.Multiply(acc1, alpha), c + w);
        }
        else
        {
            TOps.Store(TOps.FusedMultiplyAdd(acc0, alpha, TOps.Multiply(beta, TOps.Load(c))), c);
            TOps.Store(TOps.FusedMultiplyAdd(acc1, alpha, TOps.Multiply(beta, TOps.Load(c + w))), c + w);
        }
    }
}
