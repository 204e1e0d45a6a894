namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// Cuts a buffer into chunks of a fixed size for the element-wise parts of a training step (the
/// loss, the finiteness check, the optimizer). The cut depends only on the length, never on the
/// thread count, so per-chunk partial sums combined in chunk order give the same bits whichever
/// threads ran the chunks.
/// </summary>
internal static class FixedChunks
{
    // What ParallelPolicy needs to know how long a loop takes: element-wise kernels (loss, Adam,
    // finiteness) run at about half a nanosecond per element on one thread.
    private const double ElementsPerMicrosecond = 2000;

    /// <summary>The number of chunks of <paramref name="chunk"/> elements covering <paramref name="length"/>.</summary>
    public static int Count(int length, int chunk) => (length + chunk - 1) / chunk;

    /// <summary>The start and length of chunk <paramref name="index"/>.</summary>
    public static (int Start, int Length) Range(int index, int length, int chunk)
    {
        var start = index * chunk;
        return (start, Math.Min(chunk, length - start));
    }

    /// <summary>About how long an element-wise loop over <paramref name="length"/> elements takes on one thread.</summary>
    public static double Microseconds(int length) => length / ElementsPerMicrosecond;
}
