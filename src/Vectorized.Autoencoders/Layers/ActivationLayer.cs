using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// An element-wise activation as a layer of its own; its backward reads the saved output (see
/// <see cref="ActivationFunctions"/>). Both passes run in fixed chunks on the worker pool: a conv
/// model's widest activations are megabytes, a memory-bound sweep that a second core speeds up.
/// Element-wise, so the bits do not depend on the thread count.
/// </summary>
internal sealed unsafe class ActivationLayer(Activation activation, int size) : ILayer
{
    // Floats per chunk: 64 KiB read and written, a few microseconds.
    private const int Chunk = 16 * 1024;

    // Below this many floats (the dense models' activations: 128 x 256 is 32 Ki) a call runs here,
    // without the pool: at batch 32 the job's bookkeeping made the dense step about 8% slower.
    private const int ParallelFrom = 128 * 1024;

    public Activation Activation { get; } = activation;

    public int InputSize { get; } = size;

    public int OutputSize => InputSize;

    public int ParameterCount => 0;

    public bool WritesZeroedInputGradient => true;

    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch)
    {
        var n = batch * InputSize;
        if (n < ParallelFrom)
        {
            ActivationFunctions.Forward(Activation, x[..n], y[..n]);
            return;
        }

        fixed (float* px = x[..n], py = y[..n])
        {
            ChunkedJob.RunElementWise(new ForwardChunk(Activation, px, py), n, Chunk, threads);
        }
    }

    public void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero)
    {
        if (dx.IsEmpty)
        {
            return;
        }

        var n = batch * InputSize;
        if (n < ParallelFrom)
        {
            ActivationFunctions.Backward(Activation, y[..n], dy[..n], dx[..n], dxIsZero);
            return;
        }

        fixed (float* py = y[..n], pdy = dy[..n], pdx = dx[..n])
        {
            ChunkedJob.RunElementWise(new BackwardChunk(Activation, py, pdy, pdx, dxIsZero), n, Chunk, threads);
        }
    }

    private readonly struct ForwardChunk(Activation activation, float* x, float* y) : IChunkJob
    {
        public void Run(int start, int length) =>
            ActivationFunctions.Forward(activation, new ReadOnlySpan<float>(x + start, length), new Span<float>(y + start, length));
    }

    private readonly struct BackwardChunk(Activation activation, float* y, float* dy, float* dx, bool dxIsZero) : IChunkJob
    {
        public void Run(int start, int length) =>
            ActivationFunctions.Backward(
                activation, new ReadOnlySpan<float>(y + start, length), new ReadOnlySpan<float>(dy + start, length),
                new Span<float>(dx + start, length), dxIsZero);
    }
}
