using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Lane moves for 2x2 windows and factor-2 up-sampling on 128- and 256-bit vectors: the even and odd
/// floats of two vectors in order (the left and right inputs of consecutive windows), and each float
/// of a vector twice (a row widened). Moves only, so every path gives the scalar code's values. On
/// 512-bit vectors each is one permute, by the indices here.
/// </summary>
internal static class PairLanes
{
    /// <summary>Whether the 128-bit forms have their instructions here: SSE's shuffles or NEON's zips and unzips.</summary>
    public static bool V128Supported => Sse.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>Floats 0, 2, 4, 6 of the eight a:b, in order.</summary>
    public static Vector128<float> Evens(Vector128<float> a, Vector128<float> b) =>
        Sse.IsSupported ? Sse.Shuffle(a, b, 0b10_00_10_00) : AdvSimd.Arm64.UnzipEven(a, b);

    /// <summary>Floats 1, 3, 5, 7 of the eight a:b, in order.</summary>
    public static Vector128<float> Odds(Vector128<float> a, Vector128<float> b) =>
        Sse.IsSupported ? Sse.Shuffle(a, b, 0b11_01_11_01) : AdvSimd.Arm64.UnzipOdd(a, b);

    /// <summary>Floats 0, 2, .. 14 of the sixteen a:b, in order: a shuffle picks them within each 128-bit half, a permute of 64-bit pairs puts the halves in order.</summary>
    public static Vector256<float> Evens(Vector256<float> a, Vector256<float> b) =>
        Avx2.Permute4x64(Avx.Shuffle(a, b, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();

    /// <summary>Floats 1, 3, .. 15 of the sixteen a:b, in order.</summary>
    public static Vector256<float> Odds(Vector256<float> a, Vector256<float> b) =>
        Avx2.Permute4x64(Avx.Shuffle(a, b, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();

    /// <summary>v0 v0 v1 v1.</summary>
    public static Vector128<float> TwiceLow(Vector128<float> v) =>
        Sse.IsSupported ? Sse.UnpackLow(v, v) : AdvSimd.Arm64.ZipLow(v, v);

    /// <summary>v2 v2 v3 v3.</summary>
    public static Vector128<float> TwiceHigh(Vector128<float> v) =>
        Sse.IsSupported ? Sse.UnpackHigh(v, v) : AdvSimd.Arm64.ZipHigh(v, v);

    // The permutes' indices as constants inlined by request, as in FusedPlanes: NativeAOT does not
    // inline an eight-argument Create on its own.

    /// <summary>v0 v0 v1 v1 v2 v2 v3 v3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TwiceLow(Vector256<float> v) => Avx2.PermuteVar8x32(v, Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3));

    /// <summary>v4 v4 v5 v5 v6 v6 v7 v7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> TwiceHigh(Vector256<float> v) => Avx2.PermuteVar8x32(v, Vector256.Create(4, 4, 5, 5, 6, 6, 7, 7));

    // The 512-bit permutes' indices. Constants, not static readonly fields: NativeAOT read such a
    // field through a check of the class constructor inside the loops; and inlined by request, as
    // NativeAOT does not inline a 16-argument Create on its own.

    /// <summary>0, 2, .. 30: with a two-source permute, floats 0, 2, .. 30 of a:b (with one source, the low half is 0, 2, .. 14).</summary>
    public static Vector512<int> EvenIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    }

    /// <summary>1, 3, .. 31.</summary>
    public static Vector512<int> OddIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    }

    /// <summary>0, 0, 1, 1, .. 7, 7: floats 0-7 each twice.</summary>
    public static Vector512<int> TwiceLowIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
    }

    /// <summary>8, 8, 9, 9, .. 15, 15: floats 8-15 each twice.</summary>
    public static Vector512<int> TwiceHighIndices
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15);
    }
}
