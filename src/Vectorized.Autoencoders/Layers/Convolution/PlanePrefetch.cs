using System.Runtime.Intrinsics.X86;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Starts loading one image's planes of a channel-major [channels, batch, plane] tensor into the
/// cache, one image ahead of the loop that reads them. The direct convolution reads image n as
/// one plane per channel, each batch x plane floats from the next: a dozen interleaved streams that the
/// hardware prefetchers did not follow, and the loads of max-pooling's dy, output and argmax (the
/// backward pass) and of the input planes (both passes) stalled on memory. A prefetch changes no value. Where the ISA has none (NEON through .NET) it does nothing.
/// </summary>
internal static unsafe class PlanePrefetch
{
    private const int CacheLine = 64;

    /// <summary>Prefetches image <paramref name="n"/>'s planes of a tensor of 4-byte elements (floats or ints); a null tensor is skipped.</summary>
    // tensor: [channels, batch, plane] of 4-byte elements, or null
    public static void Image(void* tensor, int channels, int batch, int n, int plane)
    {
        if (tensor == null || !Sse.IsSupported)
        {
            return;
        }

        var bytes = (nint)plane * sizeof(float);
        for (var c = 0; c < channels; c++)
        {
            var start = (byte*)tensor + ((((nint)c * batch) + n) * bytes);
            for (nint offset = 0; offset < bytes; offset += CacheLine)
            {
                Sse.Prefetch0(start + offset);
            }

            Sse.Prefetch0(start + bytes - 1);
        }
    }
}
