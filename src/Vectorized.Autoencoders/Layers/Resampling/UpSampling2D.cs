using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Forward and backward of nearest-neighbour up-sampling by integer factors over independent planes
/// (llm.c style: backward ACCUMULATES into dx, or writes it when told nothing has added to it yet).
/// Output pixel (oy, ox) copies input (oy / fy, ox / fx), Keras' UpSampling2D and PyTorch's
/// Upsample(mode='nearest') for integer scale factors. The work is cut into runs of input rows, each
/// row with the fy output rows it covers (<see cref="UpSampling2DParallel"/> runs them on threads).
/// </summary>
internal static unsafe class UpSampling2D
{
    /// <summary>Each input row is widened once, then copied to the fy output rows it covers.</summary>
    // x: [planes, height, width]; y: [planes, height * fy, width * fx]
    public static void Forward(ReadOnlySpan<float> x, int planes, int height, int width, int fy, int fx, Span<float> y)
    {
        Check(x.Length, y.Length, planes, height, width, fy, fx);
        fixed (float* px = x, py = y)
        {
            ForwardRows(px, py, 0, planes * height, width, fy, fx, IsaSelector.Current);
        }
    }

    /// <summary>dx[i] += the sum of the fy x fx output gradients that copied input i, row by row of the block.</summary>
    // dy: [planes, height * fy, width * fx]; dx: [planes, height, width]
    public static void Backward(ReadOnlySpan<float> dy, int planes, int height, int width, int fy, int fx, Span<float> dx) =>
        Backward(dy, planes, height, width, fy, fx, dx, dxIsZero: false);

    /// <summary>As above; with <paramref name="dxIsZero"/> the sums are written, not added.</summary>
    // dy: [planes, height * fy, width * fx]; dx: [planes, height, width]
    public static void Backward(ReadOnlySpan<float> dy, int planes, int height, int width, int fy, int fx, Span<float> dx, bool dxIsZero)
    {
        Check(dx.Length, dy.Length, planes, height, width, fy, fx);
        fixed (float* pdy = dy, pdx = dx)
        {
            BackwardRows(pdy, pdx, 0, planes * height, width, fy, fx, dxIsZero, IsaSelector.Current);
        }
    }

    /// <summary>
    /// Input rows [first, end) of the flattened planes. With AVX-512 and fx = 2, eight inputs become
    /// sixteen outputs per permute; near a row's end that vector may read the next rows of the run and
    /// write past the output row, into rows this loop rewrites afterwards (the copies below it, or the
    /// next input row's block), never past the run's own outputs, so runs on other threads are untouched.
    /// </summary>
    // x: [>= end rows of width]; y: [>= end * fy rows of width * fx]
    internal static void ForwardRows(float* x, float* y, int first, int end, int width, int fy, int fx, Isa isa)
    {
        var outWidth = (nint)width * fx;
        var pairs = isa >= Isa.Avx512 && fx == 2 && Avx512F.IsSupported;
        for (var r = first; r < end; r++)
        {
            var src = x + ((nint)r * width);
            var dst = y + ((nint)r * fy * outWidth);
            var ix = 0;
            if (pairs)
            {
                var room = (end - r) * width;
                for (; ix < width && ix + 8 <= room; ix += 8)
                {
                    Avx512F.PermuteVar16x32(Vector256.Load(src + ix).ToVector512Unsafe(), PairLanes.TwiceLowIndices).Store(dst + (2 * ix));
                }
            }

            for (; ix < width; ix++)
            {
                new Span<float>(dst + ((nint)ix * fx), fx).Fill(src[ix]);
            }

            var row = new ReadOnlySpan<float>(dst, (int)outWidth);
            for (var k = 1; k < fy; k++)
            {
                row.CopyTo(new Span<float>(dst + (k * outWidth), (int)outWidth));
            }
        }
    }

    /// <summary>
    /// Input rows [first, end): each dx is the block's sum in row-major order, ((a + b) + c) + d for 2x2.
    /// The AVX-512 path (2x2, writing) adds the even and odd lanes of the two output rows in that same
    /// order; like the forward it may read into the next rows of the run and write dx past the row,
    /// where the next rows' sums overwrite it.
    /// </summary>
    // dy: [>= end * fy rows of width * fx]; dx: [>= end rows of width]
    internal static void BackwardRows(float* dy, float* dx, int first, int end, int width, int fy, int fx, bool dxIsZero, Isa isa)
    {
        var outWidth = (nint)width * fx;
        var pairs = dxIsZero && isa >= Isa.Avx512 && fy == 2 && fx == 2 && Avx512F.IsSupported;
        for (var r = first; r < end; r++)
        {
            var block = dy + ((nint)r * fy * outWidth);
            var dst = dx + ((nint)r * width);
            var ix = 0;
            if (pairs)
            {
                var room = (end - r) * width;
                for (; ix < width && ix + 8 <= room; ix += 8)
                {
                    Vector512<float> upper = Vector512.Load(block + (2 * ix)), lower = Vector512.Load(block + outWidth + (2 * ix));
                    var s = Avx512F.PermuteVar16x32(upper, PairLanes.EvenIndices).GetLower() + Avx512F.PermuteVar16x32(upper, PairLanes.OddIndices).GetLower();
                    s += Avx512F.PermuteVar16x32(lower, PairLanes.EvenIndices).GetLower();
                    s += Avx512F.PermuteVar16x32(lower, PairLanes.OddIndices).GetLower();
                    s.Store(dst + ix);
                }
            }

            for (; ix < width; ix++)
            {
                var s = BlockSum(block + ((nint)ix * fx), outWidth, fy, fx);
                dst[ix] = dxIsZero ? s : dst[ix] + s;
            }
        }
    }

    // The fy x fx block at the top left of which `at` points, summed in row-major order.
    private static float BlockSum(float* at, nint outWidth, int fy, int fx)
    {
        var s = at[0];
        for (var j = 1; j < fx; j++)
        {
            s += at[j];
        }

        for (var k = 1; k < fy; k++)
        {
            var run = at + (k * outWidth);
            for (var j = 0; j < fx; j++)
            {
                s += run[j];
            }
        }

        return s;
    }

    internal static void Check(int xLength, int yLength, int planes, int height, int width, int fy, int fx)
    {
        if (planes < 0 || height < 1 || width < 1 || fy < 1 || fx < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(planes), $"up-sampling sizes must be positive ({planes} planes of {height}x{width}, factors {fy}x{fx}).");
        }

        if (xLength < planes * height * width || yLength < planes * height * fy * width * fx)
        {
            throw new ArgumentException($"input ({xLength}) or output ({yLength}) smaller than {planes} planes of {height}x{width} -> {height * fy}x{width * fx}.");
        }
    }
}
