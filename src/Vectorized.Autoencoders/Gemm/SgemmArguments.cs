namespace Vectorized.Autoencoders.Gemm;

/// <summary>Checks an SGEMM call's sizes against its spans before any pointer is touched.</summary>
internal static class SgemmArguments
{
    public static void Validate(
        bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc, int threads)
    {
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(m), $"SGEMM sizes must be non-negative (m={m}, n={n}, k={k}).");
        }

        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), $"threads must be at least 1, got {threads}.");
        }

        // Stored shapes: A is [m, k] or, transposed, [k, m]; B is [k, n] or [n, k]; C is [m, n].
        Check("A", transA ? k : m, transA ? m : k, aLength, lda);
        Check("B", transB ? n : k, transB ? k : n, bLength, ldb);
        Check("C", m, n, cLength, ldc);
    }

    private static void Check(string name, int rows, int cols, int length, int ld)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentOutOfRangeException($"ld{name.ToLowerInvariant()}", $"Leading dimension of {name} is {ld}, less than its {cols} columns.");
        }

        var needed = rows == 0 || cols == 0 ? 0 : ((long)(rows - 1) * ld) + cols;
        if (length < needed)
        {
            throw new ArgumentException($"{name} holds {length} floats, but [{rows}, {cols}] with leading dimension {ld} needs {needed}.", name.ToLowerInvariant());
        }
    }
}
