namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// A register-blocked SGEMM micro-kernel: one <c>Mr x Nr</c> tile of C from a packed A
/// micro-panel and a B micro-panel. Implemented by structs so the driver is specialised per
/// kernel by the JIT (no virtual calls in the hot loop), the TensorPrimitives way.
/// </summary>
internal interface ISgemmMicroKernel
{
    /// <summary>Rows of the C tile (the broadcast side, from A).</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the C tile (the vector side, from B).</summary>
    static abstract int Nr { get; }

    /// <summary>Rows of op(A) packed per block; a multiple of <see cref="Mr"/>, sized for L2.</summary>
    static abstract int Mc { get; }

    /// <summary>Depth of one packed block; the B micro-panel (Kc x Nr) is sized for L1.</summary>
    static abstract int Kc { get; }

    /// <summary>Columns of op(B) packed per block; a multiple of <see cref="Nr"/>, sized for L3.</summary>
    static abstract int Nc { get; }

    /// <summary>The name benchmarks report, shape then ISA, e.g. <c>12x32-avx512</c>.</summary>
    static abstract string Name { get; }

    /// <summary>
    /// <c>C = alpha * A B + beta * C</c> over one tile; when <paramref name="beta"/> is 0, C is
    /// not read. Every element sums its kc products in order p = 0..kc-1, so a tile's result
    /// does not depend on where the driver cut the matrix.
    /// </summary>
    // a: [kc, Mr] packed (row p holds column p of the tile's rows of op(A))
    // b: [kc, ldb], the tile's Nr columns at the start of each row (packed: ldb == Nr)
    // c: [Mr, ldc]
    static abstract unsafe void Run(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc);

    /// <summary>
    /// <see cref="Run"/> for the first <paramref name="rows"/> (1 to Mr - 1) rows of a tile, written
    /// straight into C with the bits a full tile gives them; A is packed (and zero-padded) to Mr rows.
    /// </summary>
    // c: [rows, ldc]
    static abstract unsafe void RunRows(nint kc, float* a, float* b, nint ldb, float alpha, float beta, float* c, nint ldc, int rows);

    /// <summary>
    /// <see cref="Run"/> with A read where it is: Mr rows of a row-major op(A) (not transposed), at the
    /// tile's first row and the block's first depth, <paramref name="lda"/> apart. The same bits.
    /// </summary>
    // a: [Mr, lda]
    static abstract unsafe void RunInPlace(nint kc, float* a, nint lda, float* b, nint ldb, float alpha, float beta, float* c, nint ldc);
}
