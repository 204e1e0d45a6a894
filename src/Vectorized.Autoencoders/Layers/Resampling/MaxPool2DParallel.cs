using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// <see cref="MaxPool2D"/> over the worker pool: planes are independent (each output, argmax and
/// input gradient belongs to one plane), so fixed runs of planes on any threads give the same bits.
/// </summary>
internal static unsafe class MaxPool2DParallel
{
    // Planes per chunk: 16 planes of 28x28 are 12,544 inputs, several microseconds of work.
    private const int Chunk = 16;

    // x: [planes, inHeight, inWidth]; y, argmax: [planes, outHeight, outWidth]
    public static void Forward(ReadOnlySpan<float> x, in MaxPool2DGeometry g, int planes, Span<float> y, Span<int> argmax, int threads)
    {
        MaxPool2D.Check(x.Length, y.Length, argmax.Length, g, planes);
        fixed (float* px = x, py = y)
        fixed (int* pa = argmax)
        {
            ChunkedJob.RunElementWise(new ForwardChunk(px, g, py, pa), planes, Chunk, threads, FixedChunks.Microseconds(planes * g.InPlane));
        }
    }

    // dy, argmax: [planes, outHeight, outWidth]; dx: [planes, inHeight, inWidth]
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<int> argmax, in MaxPool2DGeometry g, int planes, Span<float> dx, int threads, bool dxIsZero = false)
    {
        MaxPool2D.Check(dx.Length, dy.Length, argmax.Length, g, planes);
        fixed (float* pdy = dy, pdx = dx)
        fixed (int* pa = argmax)
        {
            ChunkedJob.RunElementWise(new BackwardChunk(pdy, pa, g, pdx, dxIsZero), planes, Chunk, threads, FixedChunks.Microseconds(planes * g.OutPlane));
        }
    }

    private readonly struct ForwardChunk(float* x, MaxPool2DGeometry g, float* y, int* argmax) : IChunkJob
    {
        public void Run(int start, int length) =>
            MaxPool2D.Forward(
                new ReadOnlySpan<float>(x + ((nint)start * g.InPlane), length * g.InPlane), g, length,
                new Span<float>(y + ((nint)start * g.OutPlane), length * g.OutPlane),
                new Span<int>(argmax + ((nint)start * g.OutPlane), length * g.OutPlane));
    }

    private readonly struct BackwardChunk(float* dy, int* argmax, MaxPool2DGeometry g, float* dx, bool dxIsZero) : IChunkJob
    {
        public void Run(int start, int length) =>
            MaxPool2D.Backward(
                new ReadOnlySpan<float>(dy + ((nint)start * g.OutPlane), length * g.OutPlane),
                new ReadOnlySpan<int>(argmax + ((nint)start * g.OutPlane), length * g.OutPlane), g, length,
                new Span<float>(dx + ((nint)start * g.InPlane), length * g.InPlane), dxIsZero);
    }
}
