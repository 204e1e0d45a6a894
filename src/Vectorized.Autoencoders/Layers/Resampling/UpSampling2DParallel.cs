using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// <see cref="UpSampling2D"/> over the worker pool in fixed runs of input rows. Every output and input
/// gradient belongs to one row's block, so the bits do not depend on the threads.
/// </summary>
internal static unsafe class UpSampling2DParallel
{
    // Outputs per run: 64 KiB written, a few microseconds.
    private const int RunOutputs = 16 * 1024;

    // x: [planes, height, width]; y: [planes, height * fy, width * fx]
    public static void Forward(ReadOnlySpan<float> x, int planes, int height, int width, int factor, Span<float> y, int threads)
    {
        UpSampling2D.Check(x.Length, y.Length, planes, height, width, factor, factor);
        var rows = planes * height;
        fixed (float* px = x, py = y)
        {
            ChunkedJob.RunElementWise(new ForwardRun(px, py, width, factor, IsaSelector.Current), rows, RunRows(width, factor), threads, Microseconds(rows, width, factor));
        }
    }

    // dy: [planes, height * fy, width * fx]; dx: [planes, height, width]
    public static void Backward(ReadOnlySpan<float> dy, int planes, int height, int width, int factor, Span<float> dx, bool dxIsZero, int threads)
    {
        UpSampling2D.Check(dx.Length, dy.Length, planes, height, width, factor, factor);
        var rows = planes * height;
        fixed (float* pdy = dy, pdx = dx)
        {
            ChunkedJob.RunElementWise(new BackwardRun(pdy, pdx, width, factor, dxIsZero, IsaSelector.Current), rows, RunRows(width, factor), threads, Microseconds(rows, width, factor));
        }
    }

    private static int RunRows(int width, int factor) => Math.Max(1, RunOutputs / (width * factor * factor));

    // One thread's time for the outputs of `rows` input rows.
    private static double Microseconds(int rows, int width, int factor) => FixedChunks.Microseconds(rows * width * factor * factor);

    private readonly struct ForwardRun(float* x, float* y, int width, int factor, Isa isa) : IChunkJob
    {
        public void Run(int start, int length) => UpSampling2D.ForwardRows(x, y, start, start + length, width, factor, factor, isa);
    }

    private readonly struct BackwardRun(float* dy, float* dx, int width, int factor, bool dxIsZero, Isa isa) : IChunkJob
    {
        public void Run(int start, int length) => UpSampling2D.BackwardRows(dy, dx, start, start + length, width, factor, factor, dxIsZero, isa);
    }
}
