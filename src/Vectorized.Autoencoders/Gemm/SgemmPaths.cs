namespace Vectorized.Autoencoders.Gemm;

/// <summary>Which variant of the loop nest a call takes, decided once per call from its shape.</summary>
internal static class SgemmPaths
{
    /// <summary>
    /// Up to this many rows of C, B is read in place instead of packed. Measured on Zen 5
    /// (12x32 AVX-512, one thread): streaming won at m = 32..256 for n = 128 and n = 784
    /// (e.g. 32x784x128: 189 vs 152 GFLOP/s of CPU time), because with few rows each B
    /// element is used too few times to repay copying it.
    /// </summary>
    public const int StreamBMaxRows = 256;

    /// <summary>
    /// True for the small-m path: op(A) packed once and shared, op(B) streamed panel by panel (read
    /// in place when B is not transposed, packed one micro-panel at a time when it is).
    /// </summary>
    // For a transposed B (measured, 2 threads): 32x128x784 284-313 against 190-203 GFLOP/s packed,
    // 32x784x128 about even; the same bits either way (same kernel calls over the same Kc blocks).
    public static bool StreamsB(in SgemmOperands g) => g.M <= StreamBMaxRows;

    /// <summary>
    /// The depth of each Kc block: k cut into equal blocks of at most <paramref name="kcMax"/>
    /// (784 = 2 x 392, not 512 + 272 or 256 + 256 + 256 + 16, whose thin last pass rereads C for
    /// little work). It depends on k alone, so every thread count sums in the same blocks.
    /// </summary>
    public static int KcStep(int k, int kcMax)
    {
        var blocks = (k + kcMax - 1) / kcMax;
        return (k + blocks - 1) / blocks;
    }
}
