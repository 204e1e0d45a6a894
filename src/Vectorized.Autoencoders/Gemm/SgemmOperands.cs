namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// One SGEMM call's operands as raw pointers, so worker threads can share them (spans cannot
/// be captured). Valid only while the caller keeps the spans pinned.
/// </summary>
internal readonly unsafe struct SgemmOperands(
    bool transA, bool transB, int m, int n, int k, float alpha,
    float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
{
    public readonly bool TransA = transA;
    public readonly bool TransB = transB;
    public readonly int M = m;
    public readonly int N = n;
    public readonly int K = k;
    public readonly float Alpha = alpha;
    public readonly float Beta = beta;

    // a: [m, lda] or, transposed, [k, lda]
    public readonly float* A = a;
    public readonly nint Lda = lda;

    // b: [k, ldb] or, transposed, [n, ldb]
    public readonly float* B = b;
    public readonly nint Ldb = ldb;

    // c: [m, ldc]
    public readonly float* C = c;
    public readonly nint Ldc = ldc;
}
