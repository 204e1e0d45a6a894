using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The 2x2 stride-2 windows that lie inside a plane, without branches: the scalar rule's data-dependent
/// branches mispredicted on ReLU outputs (ties at zero everywhere) at about 6 ns an output, 15% of the
/// conv autoencoder's step. Each lane i of a vector applies the rule to inputs (i, i + 1) of the upper
/// row, then i and i + 1 of the lower row, in that order, with compare-and-select; the even lanes are
/// the windows, and their maxima and offsets (0, 1, width, width + 1, exact as floats) are then picked out.
/// </summary>
internal static unsafe class MaxPool2DTwoByTwo
{
    // Rows wider than this (inputs) take the scalar loop: the row copies live on the stack.
    private const int MaxVectorSpan = 1024;

    /// <summary>The first rows x columns outputs of a 2x2 stride-2 pooling without padding, by the rule of <see cref="MaxPool2D.Forward"/>.</summary>
    // plane: [>= 2 rows, width]; outputs, indices: [rows, outWidth] (the first columns of each row)
    public static void Forward(ReadOnlySpan<float> plane, int width, int rows, int columns, int outWidth, Span<float> outputs, Span<int> indices, Isa isa)
    {
        if (2 * columns > MaxVectorSpan || isa == Isa.Scalar)
        {
            Scalar(plane, width, rows, columns, outWidth, outputs, indices);
            return;
        }

        switch (isa)
        {
            case Isa.Avx512 when Avx512F.IsSupported:
                Avx512(plane, width, rows, columns, outWidth, outputs, indices);
                break;
            case Isa.Avx512:
                Vectors<Vector512<float>, Vector512Ops>(plane, width, rows, columns, outWidth, outputs, indices);
                break;
            case Isa.Avx2:
                Vectors<Vector256<float>, Vector256Ops>(plane, width, rows, columns, outWidth, outputs, indices);
                break;
            default:
                Vectors<Vector128<float>, Vector128Ops>(plane, width, rows, columns, outWidth, outputs, indices);
                break;
        }
    }

    private static void Vectors<TVec, TOps>(ReadOnlySpan<float> plane, int width, int rows, int columns, int outWidth, Span<float> outputs, Span<int> indices)
        where TVec : struct
        where TOps : struct, IVectorOps<TVec>
    {
        var v = TOps.Count;
        var span = 2 * columns;
        var lanes = (span + v - 1) / v * v;
        // Each row is copied with a vector of room after it, for the shifted load of the last vector;
        // what lies there reaches only lanes that are dropped.
        var buffer = stackalloc float[(4 * lanes) + (2 * v)];
        float* upper = buffer, lower = upper + lanes + v, best = lower + lanes + v, offsets = best + lanes;
        var upperRow = new Span<float>(upper, span);
        var lowerRow = new Span<float>(lower, span);
        TVec one = TOps.Create(1f), below = TOps.Create(width), belowRight = TOps.Create(width + 1), zero = TOps.Create(0f);
        for (var oy = 0; oy < rows; oy++)
        {
            var top = 2 * oy * width;
            plane.Slice(top, span).CopyTo(upperRow);
            plane.Slice(top + width, span).CopyTo(lowerRow);
            for (var i = 0; i < span; i += v)
            {
                var max = TOps.Load(upper + i);
                var next = TOps.Load(upper + i + 1);
                var take = TOps.BitwiseOr(TOps.GreaterThan(next, max), TOps.IsNaN(next));
                max = TOps.ConditionalSelect(take, next, max);
                var offset = TOps.ConditionalSelect(take, one, zero);
                next = TOps.Load(lower + i);
                take = TOps.BitwiseOr(TOps.GreaterThan(next, max), TOps.IsNaN(next));
                max = TOps.ConditionalSelect(take, next, max);
                offset = TOps.ConditionalSelect(take, below, offset);
                next = TOps.Load(lower + i + 1);
                take = TOps.BitwiseOr(TOps.GreaterThan(next, max), TOps.IsNaN(next));
                max = TOps.ConditionalSelect(take, next, max);
                offset = TOps.ConditionalSelect(take, belowRight, offset);
                TOps.Store(max, best + i);
                TOps.Store(offset, offsets + i);
            }

            var row = oy * outWidth;
            for (var ox = 0; ox < columns; ox++)
            {
                outputs[row + ox] = best[2 * ox];
                indices[row + ox] = top + (2 * ox) + (int)offsets[2 * ox];
            }
        }
    }

    /// <summary>
    /// <see cref="Vectors{TVec, TOps}"/> at 16 lanes, with the even lanes (the windows) of two vectors
    /// picked by one two-source permute each for the maxima and the offsets, rather than one at a time.
    /// Rows are read and written in place where the vectors stay inside the plane's spans (the lanes
    /// past a row read the next row and write outputs that later rows and the caller's general loop
    /// overwrite); only the last rows go through copies on the stack, where small copies cost more
    /// than the pooling itself.
    /// </summary>
    private static void Avx512(ReadOnlySpan<float> plane, int width, int rows, int columns, int outWidth, Span<float> outputs, Span<int> indices)
    {
        const int v = 16;
        var span = 2 * columns;
        var lanes = (span + (2 * v) - 1) / (2 * v) * (2 * v);
        var buffer = stackalloc float[(2 * lanes) + (2 * v)];
        var picked = stackalloc float[lanes / 2];
        var pickedAt = stackalloc int[lanes / 2];
        // The even lanes of two vectors; also window j's first input, 2 j past the pair's first.
        var evens = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        fixed (float* source = plane, destination = outputs)
        fixed (int* destinationAt = indices)
        {
            for (var oy = 0; oy < rows; oy++)
            {
                var top = 2 * oy * width;
                float* upper = source + top, lower = upper + width;
                if (top + width + lanes + 1 > plane.Length)
                {
                    // A vector of room after each copied row for the shifted load.
                    upper = buffer;
                    lower = buffer + lanes + v;
                    plane.Slice(top, span).CopyTo(new Span<float>(upper, span));
                    plane.Slice(top + width, span).CopyTo(new Span<float>(lower, span));
                }

                var row = oy * outWidth;
                var inPlace = row + (lanes / 2) <= outputs.Length && row + (lanes / 2) <= indices.Length;
                float* best = inPlace ? destination + row : picked;
                var at = inPlace ? destinationAt + row : pickedAt;
                for (var i = 0; i < span; i += 2 * v)
                {
                    var (max0, offset0) = Windows(upper + i, lower + i, width);
                    var (max1, offset1) = Windows(upper + i + v, lower + i + v, width);
                    Avx512F.PermuteVar16x32x2(max0, evens, max1).Store(best + (i / 2));
                    var offsets = Avx512F.ConvertToVector512Int32(Avx512F.PermuteVar16x32x2(offset0, evens, offset1));
                    (offsets + evens + Vector512.Create(top + i)).Store(at + (i / 2));
                }

                if (!inPlace)
                {
                    new ReadOnlySpan<float>(picked, columns).CopyTo(outputs.Slice(row, columns));
                    new ReadOnlySpan<int>(pickedAt, columns).CopyTo(indices.Slice(row, columns));
                }
            }
        }
    }

    // Lane i: the rule over upper[i], upper[i + 1], lower[i], lower[i + 1] in that order; the
    // winner's offset from upper[i] (0, 1, width, width + 1) as a float.
    // Inlined: the pair of vectors went back through memory as a returned tuple.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Max, Vector512<float> Offset) Windows(float* upper, float* lower, int width)
    {
        var max = Vector512.Load(upper);
        var next = Vector512.Load(upper + 1);
        var take = Vector512.GreaterThan(next, max) | ~Vector512.Equals(next, next);
        max = Vector512.ConditionalSelect(take, next, max);
        var offset = Vector512.ConditionalSelect(take, Vector512.Create(1f), Vector512<float>.Zero);
        next = Vector512.Load(lower);
        take = Vector512.GreaterThan(next, max) | ~Vector512.Equals(next, next);
        max = Vector512.ConditionalSelect(take, next, max);
        offset = Vector512.ConditionalSelect(take, Vector512.Create((float)width), offset);
        next = Vector512.Load(lower + 1);
        take = Vector512.GreaterThan(next, max) | ~Vector512.Equals(next, next);
        max = Vector512.ConditionalSelect(take, next, max);
        offset = Vector512.ConditionalSelect(take, Vector512.Create((float)(width + 1)), offset);
        return (max, offset);
    }

    // The rule as written, a branch per input: the scalar path, and rows too wide for the stack.
    private static void Scalar(ReadOnlySpan<float> plane, int width, int rows, int columns, int outWidth, Span<float> outputs, Span<int> indices)
    {
        for (var oy = 0; oy < rows; oy++)
        {
            var top = 2 * oy * width;
            var upper = plane.Slice(top, 2 * columns);
            var lower = plane.Slice(top + width, 2 * columns);
            for (var ox = 0; ox < columns; ox++)
            {
                var i = 2 * ox;
                var max = upper[i];
                var index = top + i;
                var v = upper[i + 1];
                if (v > max || float.IsNaN(v))
                {
                    (max, index) = (v, top + i + 1);
                }

                v = lower[i];
                if (v > max || float.IsNaN(v))
                {
                    (max, index) = (v, top + width + i);
                }

                v = lower[i + 1];
                if (v > max || float.IsNaN(v))
                {
                    (max, index) = (v, top + width + i + 1);
                }

                outputs[(oy * outWidth) + ox] = max;
                indices[(oy * outWidth) + ox] = index;
            }
        }
    }
}
