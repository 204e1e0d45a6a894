using System.Runtime.CompilerServices;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Where a micro-kernel reads its tile's column of op(A) at each depth: a packed micro-panel, or
/// the rows of a plain row-major A in place. A struct per source makes the JIT compile one kernel
/// body for each; <see cref="Row"/> is called with constant row numbers, so its switch folds away.
/// </summary>
internal interface ITileA
{
    /// <summary>Row <paramref name="i"/> of the tile at the current depth.</summary>
    float Row(int i);

    /// <summary>Steps to the next depth.</summary>
    void Next();
}

/// <summary>A packed micro-panel [kc, rows]: depth p's values are contiguous.</summary>
internal unsafe struct PackedTileA(float* panel, nint rows) : ITileA
{
    private float* _at = panel;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Row(int i) => _at[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next() => _at += rows;
}

/// <summary>
/// Up to 12 rows of a row-major A read where they are, as BLAS libraries that skip packing A do:
/// four row pointers three rows apart, each of the three reached as pointer + 0, + lda or + 2 lda
/// (one addressing mode each), all stepping one float per depth. Packing A copied it once more per
/// call (8 us of 87 for 252 x 262 x 128), and the kernel reads it no slower in place.
/// </summary>
internal unsafe struct InPlaceTileA(float* firstRow, nint lda) : ITileA
{
    private readonly nint _twice = 2 * lda;
    private float* _row0 = firstRow;
    private float* _row3 = firstRow + (3 * lda);
    private float* _row6 = firstRow + (6 * lda);
    private float* _row9 = firstRow + (9 * lda);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Row(int i) => i switch
    {
        0 => _row0[0],
        1 => _row0[lda],
        2 => _row0[_twice],
        3 => _row3[0],
        4 => _row3[lda],
        5 => _row3[_twice],
        6 => _row6[0],
        7 => _row6[lda],
        8 => _row6[_twice],
        9 => _row9[0],
        10 => _row9[lda],
        _ => _row9[_twice],
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Next()
    {
        _row0++;
        _row3++;
        _row6++;
        _row9++;
    }
}
