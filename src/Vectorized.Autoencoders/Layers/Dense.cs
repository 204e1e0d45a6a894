using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Forward and backward of a dense layer over a batch, on raw spans (llm.c style). Backward
/// ACCUMULATES into the weight, bias and input gradients, so callers zero them once per step.
/// </summary>
internal static class Dense
{
    /// <summary>z = x W^T + b. The bias is written into z first and the GEMM adds onto it (beta = 1), fusing the bias add.</summary>
    // x: [batch, inputSize], w: [outputSize, inputSize], b: [outputSize], z: [batch, outputSize]
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        int batch, int inputSize, int outputSize, int threads, Span<float> z)
    {
        WriteBiasRows(b, batch, z);
        Sgemm.Multiply(false, true, batch, outputSize, inputSize, 1f, x, inputSize, w, inputSize, 1f, z, outputSize, threads);
    }

    /// <summary>z's first <paramref name="batch"/> rows set to b: the start every forward product adds onto.</summary>
    // b: [outputSize], z: [batch, outputSize]
    public static void WriteBiasRows(ReadOnlySpan<float> b, int batch, Span<float> z)
    {
        for (var r = 0; r < batch; r++)
        {
            b.CopyTo(z.Slice(r * b.Length, b.Length));
        }
    }

    /// <summary>
    /// dW += dz^T x, db += column sums of dz and (unless dx is empty) dx += dz W. The first layer
    /// passes an empty dx: the gradient with respect to the data is never needed. When dW (or dx)
    /// is known to be zero, its GEMM writes instead of adding (beta 0): the same values without
    /// reading 400 KB of zeros per layer per step.
    /// </summary>
    // dz: [batch, outputSize], x: [batch, inputSize], w: [outputSize, inputSize]
    // dw: [outputSize, inputSize], db: [outputSize], dx: [batch, inputSize] or empty
    public static void Backward(
        ReadOnlySpan<float> dz, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        int batch, int inputSize, int outputSize, int threads,
        Span<float> dw, Span<float> db, Span<float> dx, bool dwIsZero = false, bool dxIsZero = false)
    {
        Sgemm.Multiply(true, false, outputSize, inputSize, batch, 1f, dz, outputSize, x, inputSize, dwIsZero ? 0f : 1f, dw, inputSize, threads);
        // Rows summed in a fixed order, so the bias gradient does not depend on the thread count.
        RowOps.AccumulateColumnSums(dz, batch, db);
        if (!dx.IsEmpty)
        {
            Sgemm.Multiply(false, false, batch, inputSize, outputSize, 1f, dz, outputSize, w, inputSize, dxIsZero ? 0f : 1f, dx, inputSize, threads);
        }
    }
}
