using Vectorized.Autoencoders.Gemm;
using Vectorized.Autoencoders.Kernels;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// Forward and backward of a 2-D convolution over a batch, through im2col and <see cref="Sgemm"/>
/// (llm.c style: backward ACCUMULATES into the input, weight and bias gradients).
/// <para>
/// Layout: activations are channel-major, [channels, batch, height, width] ("CNHW"), weights are
/// PyTorch's [out, in, kh, kw] read as the matrix W [out, in * kh * kw]. Then the forward pass of a
/// whole run of images is ONE product y[out, images * pixels] = W col, with the few output channels
/// (1 to 32 here) as GEMM rows and the many output pixels (images x 784) as columns. That is the
/// shape the SGEMM is best at: m at most 256 takes its streamed path (W packed once, col read in
/// place, no copy of the big operand), the long n fills whole 16- or 32-wide micro-tiles and splits
/// evenly across threads, and the short m wastes at most part of one 6- or 12-row tile. NHWC would
/// make the channels GEMM columns instead: n = 1 or 8 fills 1/32 or 1/4 of an AVX-512 tile and
/// forces the packed path. NCHW would need one small GEMM per image, or a transpose per layer. The
/// weight gradient dW = dy col^T and the input gradient dcol = W^T dy are the same shape family.
/// A batch of one-channel images, [batch, 784], is already CNHW, as is a one-channel output, so
/// neither end of the convolutional autoencoder needs a reshape.
/// </para>
/// <para>
/// Weights need no permutation to or from PyTorch: index (o, c, ky, kx) is w[((o * in + c) * kh + ky)
/// * kw + kx] in both; a Keras kernel [kh, kw, in, out] is its transpose (3, 2, 0, 1).
/// </para>
/// <para>
/// The im2col matrix is caller-provided scratch ([in * kh * kw, images * outPlane] for some run of
/// images, see <see cref="ScratchLength"/>); the batch is processed in runs of as many images as it
/// holds, so nothing is allocated. Outputs and input gradients do not depend on the run length; the
/// weight gradient sums its runs in order, so its rounding depends on the scratch size (fixed by the
/// model), never on the thread count.
/// </para>
/// </summary>
internal static class Conv2D
{
    /// <summary>The scratch floats one call needs to process <paramref name="images"/> images per GEMM.</summary>
    public static int ScratchLength(in Conv2DGeometry g, int images) => g.ColumnRows * images * g.OutPlane;

    /// <summary>y = W * x + b: for each run of images, unfold x into col and add W col onto the bias (beta = 1, as Dense fuses its bias).</summary>
    // x: [inChannels, batch, inHeight, inWidth], w: [outChannels, inChannels, kh, kw], b: [outChannels]
    // y: [outChannels, batch, outHeight, outWidth], col: scratch of at least ScratchLength(g, 1)
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        in Conv2DGeometry g, int batch, int threads, Span<float> y, Span<float> col)
    {
        var run = Check(w.Length, b.Length, y.Length, col.Length, g, batch);
        var columns = batch * g.OutPlane;
        for (var o = 0; o < g.OutChannels; o++)
        {
            y.Slice(o * columns, columns).Fill(b[o]);
        }

        for (var first = 0; first < batch; first += run)
        {
            var images = Math.Min(run, batch - first);
            var n = images * g.OutPlane;
            Im2Col.Forward(x, g, batch, first, images, col);
            Sgemm.Multiply(false, false, g.OutChannels, n, g.ColumnRows, 1f, w, g.ColumnRows, col, n, 1f, y[(first * g.OutPlane)..], columns, threads);
        }
    }

    /// <summary>
    /// db += the sum of dy over each channel; per run of images, dW += dy col^T with col unfolded
    /// again from x (cheaper than keeping it), and (unless dx is empty) dcol = W^T dy folded onto dx.
    /// The first layer passes an empty dx: the gradient with respect to the data is never needed.
    /// </summary>
    // dy: [outChannels, batch, outHeight, outWidth], x: [inChannels, batch, inHeight, inWidth], w: [outChannels, inChannels, kh, kw]
    // dw: [outChannels, inChannels, kh, kw], db: [outChannels], dx: [inChannels, batch, inHeight, inWidth] or empty
    // col: scratch of at least ScratchLength(g, 1)
    public static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        in Conv2DGeometry g, int batch, int threads,
        Span<float> dw, Span<float> db, Span<float> dx, Span<float> col)
    {
        var run = Check(w.Length, db.Length, dy.Length, col.Length, g, batch);
        if (dw.Length < g.WeightCount || (!dx.IsEmpty && dx.Length < g.InChannels * batch * g.InPlane))
        {
            throw new ArgumentException($"the weight gradient ({dw.Length}) or input gradient ({dx.Length}) is smaller than its tensor.");
        }

        var columns = batch * g.OutPlane;
        for (var o = 0; o < g.OutChannels; o++)
        {
            db[o] += Reductions.Sum(dy.Slice(o * columns, columns));
        }

        for (var first = 0; first < batch; first += run)
        {
            var images = Math.Min(run, batch - first);
            var n = images * g.OutPlane;
            var dyRun = dy[(first * g.OutPlane)..];
            Im2Col.Forward(x, g, batch, first, images, col);
            Sgemm.Multiply(false, true, g.OutChannels, g.ColumnRows, n, 1f, dyRun, columns, col, n, 1f, dw, g.ColumnRows, threads);
            if (!dx.IsEmpty)
            {
                Sgemm.Multiply(true, false, g.ColumnRows, n, g.OutChannels, 1f, w, g.ColumnRows, dyRun, columns, 0f, col, n, threads);
                Im2Col.Backward(col, g, batch, first, images, dx);
            }
        }
    }

    // Returns how many images one run (one GEMM) covers.
    private static int Check(int wLength, int bLength, int yLength, int colLength, in Conv2DGeometry g, int batch)
    {
        if (batch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"batch must be at least 1, got {batch}.");
        }

        if (wLength < g.WeightCount || bLength < g.OutChannels || yLength < g.OutChannels * batch * g.OutPlane)
        {
            throw new ArgumentException($"weights ({wLength}), bias ({bLength}) or output ({yLength}) smaller than [{g.OutChannels}, {g.InChannels}, {g.KernelHeight}, {g.KernelWidth}], [{g.OutChannels}], [{g.OutChannels}, {batch}, {g.OutHeight}, {g.OutWidth}].");
        }

        var perImage = ScratchLength(g, 1);
        if (colLength < perImage)
        {
            throw new ArgumentException($"the im2col scratch holds {colLength} floats, fewer than the {perImage} one image needs.");
        }

        return Math.Min(batch, colLength / perImage);
    }
}
