namespace Vectorized.Autoencoders.Simd;

/// <summary>The SIMD instruction-set paths every kernel offers, narrowest first.</summary>
public enum Isa
{
    /// <summary>Plain scalar C#: the reference every other path is tested against.</summary>
    Scalar = 0,

    /// <summary>Vector128 (SSE on x64, NEON through AdvSimd on ARM64).</summary>
    V128 = 1,

    /// <summary>Vector256 with AVX2 + FMA.</summary>
    Avx2 = 2,

    /// <summary>Vector512 with AVX-512F.</summary>
    Avx512 = 3,
}
