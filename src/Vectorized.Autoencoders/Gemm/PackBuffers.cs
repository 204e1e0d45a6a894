using System.Runtime.CompilerServices;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// Per-thread pack buffers, grown on demand and then reused, so a warmed-up SGEMM allocates
/// nothing for its panels. Pinned arrays on the pinned object heap (the GC frees them with
/// the thread) with the pointer rounded up to a 64-byte cache line.
/// </summary>
internal sealed unsafe class PackBuffers
{
    private const int AlignFloats = 16;

    [ThreadStatic]
    private static PackBuffers? t_current;

    private float[] _a = [];
    private float[] _b = [];
    private float[] _bEdge = [];
    private float[] _tile = [];

    public static PackBuffers Current => t_current ??= new PackBuffers();

    /// <summary>Packed block of op(A): [Mc / Mr micro-panels][kc, Mr].</summary>
    public float* A(int floats) => Aligned(ref _a, floats);

    /// <summary>Packed block of op(B): [Nc / Nr micro-panels][kc, Nr].</summary>
    public float* B(int floats) => Aligned(ref _b, floats);

    /// <summary>The last, partial micro-panel of B when B is streamed unpacked: [kc, Nr].</summary>
    public float* BEdge(int floats) => Aligned(ref _bEdge, floats);

    /// <summary>A scratch C tile for edge tiles: [Mr, Nr].</summary>
    public float* Tile(int floats) => Aligned(ref _tile, floats);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Aligned(ref float[] array, int floats)
    {
        if (array.Length < floats + AlignFloats)
        {
            array = GC.AllocateArray<float>(floats + AlignFloats, pinned: true);
        }

        var p = (nuint)Unsafe.AsPointer(ref array[0]);
        return (float*)((p + 63) & ~(nuint)63);
    }
}
