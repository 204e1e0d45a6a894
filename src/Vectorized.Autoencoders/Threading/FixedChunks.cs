namespace Vectorized.Autoencoders.Threading;

/// <summary>
/// Cuts a buffer into chunks of a fixed size for the element-wise parts of a training step (the
/// loss, the finiteness check, the optimizer). The cut depends only on the length, never on the
/// thread count, so per-chunk partial sums combined in chunk order give the same bits whichever
/// threads ran the chunks.
/// </summary>
internal static class FixedChunks
{
    /// <summary>Below this many elements a loop runs on the calling thread: waking a worker costs more than it saves.</summary>
    public const int ParallelThreshold = 16384;

    /// <summary>The number of chunks of <paramref name="chunk"/> elements covering <paramref name="length"/>.</summary>
    public static int Count(int length, int chunk) => (length + chunk - 1) / chunk;

    /// <summary>The start and length of chunk <paramref name="index"/>.</summary>
    public static (int Start, int Length) Range(int index, int length, int chunk)
    {
        var start = index * chunk;
        return (start, Math.Min(chunk, length - start));
    }

    /// <summary>How many threads a loop over <paramref name="length"/> elements should use.</summary>
    public static int Threads(int length, int threads) => length < ParallelThreshold ? 1 : threads;
}
