namespace Vectorized.Autoencoders.Gemm;

/// <summary>Which variant of the loop nest a call takes, decided once per call from its shape.</summary>
internal static class SgemmPaths
{
    /// <summary>
    /// At most this many rows of C (in micro-tiles) and B is read in place instead of packed:
    /// with few rows each B element is used too few times to repay copying it.
    /// </summary>
    public const int StreamBMaxTiles = 4;

    /// <summary>True when the kernels read op(B) straight from B: B not transposed and m small.</summary>
    public static bool StreamsB(in SgemmOperands g, int mr) => !g.TransB && g.M <= StreamBMaxTiles * mr;
}
