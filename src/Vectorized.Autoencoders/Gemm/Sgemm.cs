using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Single-precision general matrix multiply, row-major:
/// <c>C = alpha * op(A) * op(B) + beta * C</c>, op(A) is [m, k], op(B) is [k, n], C is [m, n].
/// </summary>
internal static class Sgemm
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
        float beta, Span<float> c, int ldc, int threads = 1) =>
        Multiply(IsaSelector.Current, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, threads);

    /// <summary>The micro-kernel a path runs, e.g. <c>12x32-avx512</c> (what benchmarks report).</summary>
    public static string KernelName(Isa isa) => isa switch
    {
        Isa.Avx512 => Sgemm12x32Avx512.Name,
        Isa.Avx2 => Sgemm6x16Avx2.Name,
        Isa.V128 => Sgemm6x8Vector128.Name,
        _ => Sgemm4x4Scalar.Name,
    };

    /// <summary>The deepest Kc block of a path's micro-kernel: with <see cref="SgemmPaths.KcStep"/>, the blocks every product on that path sums in.</summary>
    internal static int KcMax(Isa isa) => isa switch
    {
        Isa.Avx512 => Sgemm12x32Avx512.Kc,
        Isa.Avx2 => Sgemm6x16Avx2.Kc,
        Isa.V128 => Sgemm6x8Vector128.Kc,
        _ => Sgemm4x4Scalar.Kc,
    };

    /// <summary>As the public overload, on an explicit ISA path (tests and benchmarks run every path this way).</summary>
    internal static unsafe void Multiply(
        Isa isa, bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc, int threads)
    {
        if (isa > IsaSelector.Hardware)
        {
            throw new NotSupportedException($"SGEMM path {isa} is not supported by this CPU (widest: {IsaSelector.Hardware}).");
        }

        SgemmArguments.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc, threads);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            var g = new SgemmOperands(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
            if (k == 0 || alpha == 0f)
            {
                // Nothing to add: BLAS leaves A and B unread and only scales C.
                ScaleC(g);
                return;
            }

            switch (isa)
            {
                case Isa.Avx512:
                    SgemmDriver<Sgemm12x32Avx512>.Run(g, threads);
                    break;
                case Isa.Avx2:
                    SgemmDriver<Sgemm6x16Avx2>.Run(g, threads);
                    break;
                case Isa.V128:
                    SgemmDriver<Sgemm6x8Vector128>.Run(g, threads);
                    break;
                default:
                    SgemmDriver<Sgemm4x4Scalar>.Run(g, threads);
                    break;
            }
        }
    }

    // c: [m, ldc]; C = beta * C, and C = 0 without reading it when beta is 0
    private static unsafe void ScaleC(in SgemmOperands g)
    {
        for (var i = 0; i < g.M; i++)
        {
            var row = new Span<float>(g.C + (i * g.Ldc), g.N);
            if (g.Beta == 0f)
            {
                row.Clear();
            }
            else
            {
                for (var j = 0; j < row.Length; j++)
                {
                    row[j] *= g.Beta;
                }
            }
        }
    }
}
