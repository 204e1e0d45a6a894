namespace Vectorized.Autoencoders.Tests.Gemm;

/// <summary>The naive triple loop in double precision, with the float rounding error bound each element may show.</summary>
public static class SgemmOracle
{
    /// <summary>Asserts every element of C (padding columns untouched) against the double-precision product.</summary>
    // actual: [m, ldc], as returned by the SGEMM under test
    public static void AssertMatches(SgemmCase t, float[] actual)
    {
        var a = t.NewA();
        var b = t.NewB();
        var c0 = t.NewC();
        for (var i = 0; i < t.M; i++)
        {
            for (var j = 0; j < t.N; j++)
            {
                double sum = 0, magnitude = 0;
                for (var p = 0; p < t.K; p++)
                {
                    double av = t.TransA ? a[(p * t.Lda) + i] : a[(i * t.Lda) + p];
                    double bv = t.TransB ? b[(j * t.Ldb) + p] : b[(p * t.Ldb) + j];
                    sum += av * bv;
                    magnitude += Math.Abs(av * bv);
                }

                var old = c0[(i * t.Ldc) + j];
                var expected = (t.Alpha * sum) + (t.Beta == 0f ? 0 : t.Beta * old);
                var bound = (Math.Abs(t.Alpha) * magnitude) + (t.Beta == 0f ? 0 : Math.Abs(t.Beta * old));
                // A float sum of k products is off by at most about k units of roundoff of its magnitude.
                var tolerance = ((t.K + 4) * 2.4e-7 * bound) + 1e-30;
                var got = actual[(i * t.Ldc) + j];
                if (!(Math.Abs(got - expected) <= tolerance))
                {
                    Assert.Fail($"{t}: C[{i},{j}] = {got}, expected {expected} (tolerance {tolerance})");
                }
            }

            // Padding between rows belongs to the caller: it must come back as it went in.
            for (var j = t.N; j < t.Ldc && (i * t.Ldc) + j < actual.Length; j++)
            {
                var before = c0[(i * t.Ldc) + j];
                var after = actual[(i * t.Ldc) + j];
                Assert.True(before.Equals(after), $"{t}: padding C[{i},{j}] changed from {before} to {after}");
            }
        }
    }
}
