using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// The transposing half of packing: <c>rows</c> source rows, each contiguous along k, become
/// one micro-panel whose row p holds element p of every source row (packing A when it is not
/// transposed, B when it is). Done 8 x 8 (and 4 x 4) in registers where AVX allows: a scalar
/// scatter with a stride of a cache line or more costs several cycles per element, which
/// for a batch of 32 rivals the multiply itself.
/// </summary>
internal static unsafe class RowInterleave
{
    // src: [rows, ld] (kc used per row); dst: [kc, width], columns rows .. width zero
    public static void Pack(float* src, nint ld, int rows, int kc, int width, float* dst) =>
        Pack(src, ld, rows, kc, width, dst, IsaSelector.Current);

    /// <summary>
    /// Whether packing on <paramref name="isa"/> uses the AVX transposes: the ISA override
    /// (VECAE_ISA, IsaSelector.Force) governs packing too, so a forced scalar or v128 run uses no AVX.
    /// </summary>
    internal static bool UsesAvxTransposes(Isa isa) => Avx.IsSupported && isa >= Isa.Avx2;

    // The same on an explicit path (tests compare every path's panel).
    internal static void Pack(float* src, nint ld, int rows, int kc, int width, float* dst, Isa isa)
    {
        var r = 0;
        if (UsesAvxTransposes(isa))
        {
            for (; r + 8 <= rows; r += 8)
            {
                var p = 0;
                for (; p + 8 <= kc; p += 8)
                {
                    Transpose8x8(src + (r * ld) + p, ld, dst + ((nint)p * width) + r, width);
                }

                Scalar(src + (r * ld), ld, r, 8, p, kc, width, dst);
            }

            for (; r + 4 <= rows; r += 4)
            {
                var p = 0;
                for (; p + 4 <= kc; p += 4)
                {
                    Transpose4x4(src + (r * ld) + p, ld, dst + ((nint)p * width) + r, width);
                }

                Scalar(src + (r * ld), ld, r, 4, p, kc, width, dst);
            }
        }

        Scalar(src + (r * ld), ld, r, rows - r, 0, kc, width, dst);
        for (var z = rows; z < width; z++)
        {
            for (var p = 0; p < kc; p++)
            {
                dst[((nint)p * width) + z] = 0f;
            }
        }
    }

    // src: [count, ld] starting at row r0 of the panel; fills dst columns r0 .. r0+count for depths p0 .. kc
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scalar(float* src, nint ld, int r0, int count, int p0, int kc, int width, float* dst)
    {
        for (var i = 0; i < count; i++)
        {
            var s = src + (i * ld);
            var d = dst + r0 + i;
            for (var p = p0; p < kc; p++)
            {
                d[(nint)p * width] = s[p];
            }
        }
    }

    // src: [8, ld] (8 used per row); dst: [8, width] (8 written per row), dst[q, i] = src[i, q]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, nint ld, float* dst, nint width)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + ld);
        var r2 = Avx.LoadVector256(src + (2 * ld));
        var r3 = Avx.LoadVector256(src + (3 * ld));
        var r4 = Avx.LoadVector256(src + (4 * ld));
        var r5 = Avx.LoadVector256(src + (5 * ld));
        var r6 = Avx.LoadVector256(src + (6 * ld));
        var r7 = Avx.LoadVector256(src + (7 * ld));

        // Pairs of rows interleaved, then quads, then the 128-bit halves swapped into place.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);

        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Store(dst, Avx.Permute2x128(s0, s4, 0x20));
        Avx.Store(dst + width, Avx.Permute2x128(s1, s5, 0x20));
        Avx.Store(dst + (2 * width), Avx.Permute2x128(s2, s6, 0x20));
        Avx.Store(dst + (3 * width), Avx.Permute2x128(s3, s7, 0x20));
        Avx.Store(dst + (4 * width), Avx.Permute2x128(s0, s4, 0x31));
        Avx.Store(dst + (5 * width), Avx.Permute2x128(s1, s5, 0x31));
        Avx.Store(dst + (6 * width), Avx.Permute2x128(s2, s6, 0x31));
        Avx.Store(dst + (7 * width), Avx.Permute2x128(s3, s7, 0x31));
    }

    // src: [4, ld] (4 used per row); dst: [4, width] (4 written per row), dst[q, i] = src[i, q]
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4x4(float* src, nint ld, float* dst, nint width)
    {
        var r0 = Sse.LoadVector128(src);
        var r1 = Sse.LoadVector128(src + ld);
        var r2 = Sse.LoadVector128(src + (2 * ld));
        var r3 = Sse.LoadVector128(src + (3 * ld));
        var t0 = Sse.UnpackLow(r0, r1);
        var t1 = Sse.UnpackLow(r2, r3);
        var t2 = Sse.UnpackHigh(r0, r1);
        var t3 = Sse.UnpackHigh(r2, r3);
        Sse.Store(dst, Sse.MoveLowToHigh(t0, t1));
        Sse.Store(dst + width, Sse.MoveHighToLow(t1, t0));
        Sse.Store(dst + (2 * width), Sse.MoveLowToHigh(t2, t3));
        Sse.Store(dst + (3 * width), Sse.MoveHighToLow(t3, t2));
    }
}
