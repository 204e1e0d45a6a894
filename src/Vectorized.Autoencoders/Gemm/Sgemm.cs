namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Single-precision general matrix multiply, row-major:
/// <c>C = alpha * op(A) * op(B) + beta * C</c>, op(A) is [m, k], op(B) is [k, n], C is [m, n].
/// </summary>
public static class Sgemm
{
    /// <summary>
    /// Computes <c>C = alpha * op(A) * op(B) + beta * C</c>. When <paramref name="beta"/> is 0, C is
    /// never read (NaN in C does not propagate). Results are bitwise identical for any thread count.
    /// </summary>
    /// <param name="transA">Use A^T: A is stored [k, m] with leading dimension lda.</param>
    /// <param name="transB">Use B^T: B is stored [n, k] with leading dimension ldb.</param>
    /// <param name="threads">Upper bound on worker threads (1 = the calling thread only).</param>
    public static void Multiply(
        bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int threads = 1)
    {
        // Placeholder reference implementation; the packed BLIS-style kernels replace it.
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0f;
                for (var p = 0; p < k; p++)
                {
                    var av = transA ? a[p * lda + i] : a[i * lda + p];
                    var bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    sum += av * bv;
                }

                c[i * ldc + j] = beta == 0f ? alpha * sum : alpha * sum + beta * c[i * ldc + j];
            }
        }
    }
}
