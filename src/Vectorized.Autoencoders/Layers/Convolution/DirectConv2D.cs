using System.Numerics;
using System.Runtime.Intrinsics;
using Vectorized.Autoencoders.Simd;
using Vectorized.Autoencoders.Threading;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// A stride-1 convolution computed directly, in the same CNHW layout as <see cref="Conv2D"/>, for
/// the shapes im2col + SGEMM serves badly: one output channel makes the forward product one GEMM row
/// (12 computed to keep 1) and the input gradient W^T dy a depth-1 product that writes a column
/// matrix 9x the input (58 MB at 16 x 128 x 784) only to fold it back. Here each image's input planes
/// are copied into <see cref="PaddedPlanes"/>, and every tap is a shifted load multiplied into
/// register blocks (<see cref="DirectConv2DKernels"/>):
/// <list type="bullet">
/// <item>forward: y = b + sum over taps of w * shifted x;</item>
/// <item>input gradient: the same kernel on dy, padded the other way, with the kernel flipped and its
/// in and out channels swapped: a transposed convolution with no column matrix;</item>
/// <item>weight gradient: dot products of dy with each shifted x, summed in vector accumulators.</item>
/// </list>
/// Threads: the batch is cut into <see cref="Parts"/> runs of images, a number fixed by the batch size
/// alone; outputs and input gradients are per image, and the weight gradient adds the runs' partial
/// sums in run order, so every result has the same bits for any thread count. A run works in a
/// slot of the caller's scratch (<see cref="ScratchLength"/>) that it claims while it runs (see
/// Operands): nothing is allocated.
/// </summary>
internal static unsafe class DirectConv2D
{
    /// <summary>Runs a batch is cut into, at most: enough for two to four threads to share evenly.</summary>
    public const int MaxParts = 16;

    /// <summary>Floats per vector accumulator of the weight gradient: the widest vector, on every path.</summary>
    public const int AccumulatorStride = 16;

    // A rough one-thread rate, for how many threads a call is worth (ParallelPolicy).
    private const double FlopsPerMicrosecond = 20_000;

    /// <summary>Whether this path computes <paramref name="g"/> (stride 1 only: its taps are plain shifts).</summary>
    public static bool Supports(in Conv2DGeometry g) => g.Stride == 1;

    /// <summary>Runs of images a batch of <paramref name="batch"/> is cut into.</summary>
    public static int Parts(int batch) => Math.Min(batch, MaxParts);

    /// <summary>The scratch floats Forward and Backward need for batches of up to <paramref name="capacity"/> images.</summary>
    public static int ScratchLength(in Conv2DGeometry g, int capacity) => Layout(g, capacity).Length;

    /// <summary>y = W * x + b, per image; with <paramref name="relu"/>, y = max(W * x + b, 0) (a fused activation).</summary>
    // x: [inChannels, batch, inHeight, inWidth], w: [outChannels, inChannels, kh, kw], b: [outChannels]
    // y: [outChannels, batch, outHeight, outWidth], scratch: ScratchLength(g, batch) floats
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        in Conv2DGeometry g, int batch, int threads, Span<float> y, Span<float> scratch, bool relu = false) =>
        Forward(x, w, b, g, Conv2DFusion.None, batch, threads, y, [], scratch, IsaSelector.Current, relu);

    /// <summary>
    /// As above, with the layers of <paramref name="fusion"/> run inside: x is the input before the
    /// up-sampling, and y the output after the pooling, whose argmax (a flat index, for
    /// <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, in Conv2DGeometry, in Conv2DFusion, int, int, Span{float}, Span{float}, Span{float}, ReadOnlySpan{int}, Span{float}, Isa, bool, ReadOnlySpan{float})"/>
    /// only) goes to <paramref name="argmax"/>; an empty argmax keeps none (inference).
    /// </summary>
    // x: [inChannels, batch, fusion.InputPlane], y and argmax: [outChannels, batch, fusion.OutputPlane] (argmax may be empty)
    // packed: the weights ChannelBlockedConv2D.Pack laid out, where the caller keeps them (inference), or empty
    public static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, in Conv2DGeometry g, in Conv2DFusion fusion,
        int batch, int threads, Span<float> y, Span<int> argmax, Span<float> scratch, bool relu, ReadOnlySpan<float> packed = default) =>
        Forward(x, w, b, g, fusion, batch, threads, y, argmax, scratch, IsaSelector.Current, relu, packed);

    /// <summary>
    /// db += the sum of dy over each channel, dW += dy * shifted x, and (unless dx is empty) dx += the
    /// transposed convolution of dy (written instead when <paramref name="dxIsZero"/>: the same values,
    /// as nothing has added to dx yet, without reading it). With <paramref name="reluOutput"/> (the
    /// output of a forward pass with a fused ReLU) dy is first passed where that output is above zero,
    /// as it is read: the activation's backward without a pass of its own.
    /// </summary>
    // dy: [outChannels, batch, outHeight, outWidth], x: [inChannels, batch, inHeight, inWidth], w: [outChannels, inChannels, kh, kw]
    // dw: [outChannels, inChannels, kh, kw], db: [outChannels], dx: [inChannels, batch, inHeight, inWidth] or empty
    // scratch: ScratchLength(g, batch) floats
    public static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        in Conv2DGeometry g, int batch, int threads,
        Span<float> dw, Span<float> db, Span<float> dx, Span<float> scratch, bool dxIsZero = false, ReadOnlySpan<float> reluOutput = default) =>
        Backward(dy, x, w, g, Conv2DFusion.None, batch, threads, dw, db, dx, [], scratch, IsaSelector.Current, dxIsZero, reluOutput);

    /// <summary>
    /// As above, with the layers of <paramref name="fusion"/> run inside: dy is the gradient of the
    /// pooled output, <paramref name="argmax"/> what the forward pass saved, <paramref name="reluOutput"/>
    /// the pooled output; x and dx are the tensors before the up-sampling.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w, in Conv2DGeometry g, in Conv2DFusion fusion,
        int batch, int threads, Span<float> dw, Span<float> db, Span<float> dx, ReadOnlySpan<int> argmax, Span<float> scratch,
        bool dxIsZero, ReadOnlySpan<float> reluOutput) =>
        Backward(dy, x, w, g, fusion, batch, threads, dw, db, dx, argmax, scratch, IsaSelector.Current, dxIsZero, reluOutput);

    /// <summary>As the public overload, on an explicit ISA path (tests run every path so).</summary>
    internal static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b,
        in Conv2DGeometry g, int batch, int threads, Span<float> y, Span<float> scratch, Isa isa, bool relu = false) =>
        Forward(x, w, b, g, Conv2DFusion.None, batch, threads, y, [], scratch, isa, relu);

    /// <summary>As the public overload with a fusion, on an explicit ISA path.</summary>
    internal static void Forward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, in Conv2DGeometry g, in Conv2DFusion fusion,
        int batch, int threads, Span<float> y, Span<int> argmax, Span<float> scratch, Isa isa, bool relu, ReadOnlySpan<float> packed = default)
    {
        Check(g, fusion, batch, isa, scratch.Length);
        var outputs = g.OutChannels * batch * fusion.OutputPlane(g);
        if (x.Length < g.InChannels * batch * fusion.InputPlane(g) || w.Length < g.WeightCount || b.Length < g.OutChannels || y.Length < outputs
            || (fusion.Pool.HasValue && !argmax.IsEmpty && argmax.Length < outputs))
        {
            throw new ArgumentException($"input ({x.Length}), weights ({w.Length}), bias ({b.Length}), output ({y.Length}) or argmax ({argmax.Length}) smaller than the convolution {g} ({fusion}) over {batch} images.");
        }

        var words = ResetSlotWords(g, batch, scratch);
        // A wide layer on AVX-512 goes along the channels (ChannelBlockedConv2D.Supports), on the
        // weights the caller packed, else packed here (in the backward pass's flipped-kernel space).
        var channelBlocked = ChannelBlockedConv2D.Supports(g, fusion, relu, isa);
        if (channelBlocked && packed.Length < g.WeightCount)
        {
            var space = scratch.Slice(Layout(g, batch).Flipped, g.WeightCount);
            ChannelBlockedConv2D.Pack(w, g, space);
            packed = space;
        }

        var call = AdaptiveThreads.Begin(WorkKind.Convolution, Microseconds(g, batch), threads);
        fixed (float* px = x, pw = w, pb = b, py = y, ps = scratch, pwords = words, pk = packed)
        fixed (int* pa = argmax)
        {
            var job = new ForwardRuns(new Operands(g, fusion, batch, isa, px, pw, pb, py, pa, ps, (int*)pwords), relu, channelBlocked ? pk : null);
            ChunkedJob.Run(job, Parts(batch), 1, call.Threads);
        }

        AdaptiveThreads.End(call);
    }

    /// <summary>As the public overload, on an explicit ISA path.</summary>
    internal static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        in Conv2DGeometry g, int batch, int threads,
        Span<float> dw, Span<float> db, Span<float> dx, Span<float> scratch, Isa isa, bool dxIsZero = false, ReadOnlySpan<float> reluOutput = default) =>
        Backward(dy, x, w, g, Conv2DFusion.None, batch, threads, dw, db, dx, [], scratch, isa, dxIsZero, reluOutput);

    /// <summary>As the public overload with a fusion, on an explicit ISA path.</summary>
    internal static void Backward(
        ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w, in Conv2DGeometry g, in Conv2DFusion fusion,
        int batch, int threads, Span<float> dw, Span<float> db, Span<float> dx, ReadOnlySpan<int> argmax, Span<float> scratch,
        Isa isa, bool dxIsZero, ReadOnlySpan<float> reluOutput)
    {
        Check(g, fusion, batch, isa, scratch.Length);
        int outputs = g.OutChannels * batch * fusion.OutputPlane(g), inputs = g.InChannels * batch * fusion.InputPlane(g);
        if (dy.Length < outputs || x.Length < inputs || w.Length < g.WeightCount || dw.Length < g.WeightCount || db.Length < g.OutChannels
            || (!dx.IsEmpty && dx.Length < inputs) || (fusion.Pool.HasValue && argmax.Length < outputs))
        {
            throw new ArgumentException($"a tensor of the backward pass of {g} ({fusion}) over {batch} images is too small: dy {dy.Length}, x {x.Length}, w {w.Length}, dw {dw.Length}, db {db.Length}, dx {dx.Length}, argmax {argmax.Length}.");
        }

        var relu = !reluOutput.IsEmpty;
        if (relu && reluOutput.Length < outputs)
        {
            throw new ArgumentException($"the fused ReLU's output ({reluOutput.Length}) is smaller than the convolution {g}'s over {batch} images.");
        }

        var parts = Parts(batch);
        var layout = Layout(g, batch);
        var partials = scratch.Slice(layout.Partials, parts * PartialCount(g));
        var flipped = scratch.Slice(layout.Flipped, g.WeightCount);
        // The input gradient goes along the channels where ChannelBlockedConv2D takes it, on its
        // packing of the flipped kernel; else the row kernels run on the flipped kernel itself.
        var channelBlocked = !dx.IsEmpty && ChannelBlockedConv2D.SupportsInputGradient(g, isa);
        if (channelBlocked)
        {
            ChannelBlockedConv2D.PackFlipped(w, g, flipped);
        }
        else if (!dx.IsEmpty)
        {
            Flip(w, g, flipped);
        }

        var words = ResetSlotWords(g, batch, scratch);
        var call = AdaptiveThreads.Begin(WorkKind.Convolution, 2 * Microseconds(g, batch), threads);
        fixed (float* pdy = dy, pr = reluOutput, px = x, pf = flipped, pdx = dx, ps = scratch, pp = partials, pdw = dw, pdb = db, pwords = words)
        fixed (int* pa = argmax)
        {
            var job = new BackwardRuns(new Operands(g, fusion, batch, isa, px, pf, null, pdx, pa, ps, (int*)pwords), pdy, relu ? pr : null, dxIsZero, channelBlocked, pp);
            ChunkedJob.Run(job, parts, 1, call.Threads);
            AdaptiveThreads.End(call);
            var count = PartialCount(g);
            ChunkedJob.RunElementWise(new PartialSums(pp, parts, count, g.WeightCount, pdw, pdb), count, PartialSumsChunk, threads, FixedChunks.Microseconds(parts * count));
        }
    }

    private const int PartialSumsChunk = 1024;

    /// <summary>
    /// Floats of one run's partial sums: the weight gradient's, then the bias gradient's. The bias
    /// sums come from the runs' flat dy planes as they are spread (cheap there, in the cache): a pass
    /// of its own over dy and the ReLU's output read megabytes, and it cannot read a dy the fused
    /// pooling never writes.
    /// </summary>
    internal static int PartialCount(in Conv2DGeometry g) => g.WeightCount + g.OutChannels;

    /// <summary>dw[k] (then db) += the runs' partial sums of weight k (then bias k - weights), added in run order.</summary>
    private readonly struct PartialSums(float* partials, int parts, int count, int weights, float* dw, float* db) : IChunkJob
    {
        public void Run(int start, int length)
        {
            for (var k = start; k < start + length; k++)
            {
                var sum = 0f;
                for (var p = 0; p < parts; p++)
                {
                    sum += partials[((nint)p * count) + k];
                }

                if (k < weights)
                {
                    dw[k] += sum;
                }
                else
                {
                    db[k - weights] += sum;
                }
            }
        }
    }

    /// <summary>
    /// Floats one run's slot holds: its padded input planes and flat outputs (a group of images' for
    /// the backward pass), the weight gradient's accumulators, and the transposed pass's planes.
    /// </summary>
    internal static int PartLength(in Conv2DGeometry g)
    {
        var transposed = PaddedPlanes.Transposed(g);
        var forwardPass = ImageFloats(g);
        var backwardPass = (GroupImages(g) * forwardPass) + (PartialCount(g) * AccumulatorStride)
            + (g.OutChannels * transposed.PlaneStride) + (g.InChannels * transposed.Flat);
        return Math.Max(forwardPass, backwardPass);
    }

    private const int CacheLine = 64;

    /// <summary>Two ints after the rest of the scratch: which slots a thread holds now, and which this call has cleared.</summary>
    private const int SlotWords = 2;

    // The slot words of a call over `batch` images, zeroed: no slot held, none cleared yet.
    private static Span<float> ResetSlotWords(in Conv2DGeometry g, int batch, Span<float> scratch)
    {
        var words = scratch.Slice(Layout(g, batch).Words, SlotWords);
        words.Clear();
        return words;
    }

    /// <summary>
    /// Slots a call over <paramref name="batch"/> images needs: one per run that can go at once, so
    /// the fewer of its runs and the pool's threads (the caller and the workers). A run claims a slot
    /// while it runs, so more would never be touched.
    /// </summary>
    private static int Slots(int batch) => Math.Min(Parts(batch), WorkerPool.WorkerCount + 1);

    // Where a call over `batch` images keeps what, in floats from the scratch's start: the slots, the
    // runs' partial weight gradients, the flipped kernel, the slot words; and the length of it all.
    private static (int Partials, int Flipped, int Words, int Length) Layout(in Conv2DGeometry g, int batch)
    {
        var partials = checked(Slots(batch) * SlotStride(g));
        var flipped = checked(partials + (Parts(batch) * PartialCount(g)));
        var words = checked(flipped + g.WeightCount);
        return (partials, flipped, words, checked(words + SlotWords));
    }

    /// <summary>Floats from one run's slot to the next: its <see cref="PartLength"/> and room to align its start to a cache line.</summary>
    internal static int SlotStride(in Conv2DGeometry g) => PartLength(g) + (CacheLine / sizeof(float));

    /// <summary>
    /// Images the weight gradient sweeps per kernel call: as many as keep a group's planes within
    /// <see cref="GroupBudget"/> floats (so they stay in the core's L2 beside the accumulators), at
    /// most <see cref="MaxGroup"/>. Each call loads and stores its accumulators once per group, which
    /// at 7x7 (four vectors per plane) cost more than the products of one image. The grouping leaves
    /// every accumulator's sequence of products as it is: the same bits for any group size.
    /// </summary>
    internal static int GroupImages(in Conv2DGeometry g) => Math.Clamp(GroupBudget / ImageFloats(g), 1, MaxGroup);

    private const int GroupBudget = 1 << 16;
    private const int MaxGroup = 8;

    // One image's padded input planes and flat outputs.
    private static int ImageFloats(in Conv2DGeometry g)
    {
        var p = PaddedPlanes.Forward(g);
        return (g.InChannels * p.PlaneStride) + (g.OutChannels * p.Flat);
    }

    /// <summary>Images [first, end) of run <paramref name="part"/>: a cut that depends on the batch size only.</summary>
    internal static (int First, int End) Images(int part, int batch)
    {
        var parts = Parts(batch);
        return (part * batch / parts, (part + 1) * batch / parts);
    }

    // The input gradient's kernel: flipped[c, o, ky, kx] = w[o, c, kh - 1 - ky, kw - 1 - kx], which
    // reverses the taps of each (o, c) pair and swaps the channel axes.
    private static void Flip(ReadOnlySpan<float> w, in Conv2DGeometry g, Span<float> flipped)
    {
        var taps = g.KernelHeight * g.KernelWidth;
        for (var o = 0; o < g.OutChannels; o++)
        {
            for (var c = 0; c < g.InChannels; c++)
            {
                var source = w.Slice(((o * g.InChannels) + c) * taps, taps);
                var target = flipped.Slice(((c * g.OutChannels) + o) * taps, taps);
                for (var t = 0; t < taps; t++)
                {
                    target[t] = source[taps - 1 - t];
                }
            }
        }
    }

    private static double Microseconds(in Conv2DGeometry g, int batch) =>
        2.0 * batch * g.OutPlane * g.WeightCount / FlopsPerMicrosecond;

    private static void Check(in Conv2DGeometry g, in Conv2DFusion fusion, int batch, Isa isa, int scratchLength)
    {
        if (!Supports(g))
        {
            throw new ArgumentException($"the direct convolution computes stride 1 only, not {g}.");
        }

        fusion.Check(g);

        if (batch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), $"batch must be at least 1, got {batch}.");
        }

        if (isa > IsaSelector.Hardware)
        {
            throw new NotSupportedException($"ISA path {isa} is not supported by this CPU (widest: {IsaSelector.Hardware}).");
        }

        if (scratchLength < ScratchLength(g, batch))
        {
            throw new ArgumentException($"the scratch holds {scratchLength} floats, fewer than the {ScratchLength(g, batch)} a batch of {batch} needs.");
        }
    }

    /// <summary>
    /// What every run reads and writes. For the backward pass, w is the flipped kernel and y is dx.
    /// <para>
    /// A run works in a slot it claims for its duration, the lowest one free: as many slots are in
    /// use as threads run, so the ones in use stay in the cores' L2 (a slot per run spread a layer's
    /// planes over 16 slots, megabytes, and clearing them went to memory). A slot's padding stays zero
    /// from run to run, so a call clears each slot it uses once. What a run computes does not depend
    /// on its slot: the bits are the same whichever it gets.
    /// </para>
    /// </summary>
    private readonly struct Operands(Conv2DGeometry g, Conv2DFusion fusion, int batch, Isa isa, float* x, float* w, float* b, float* y, int* argmax, float* scratch, int* words)
    {
        public readonly Conv2DGeometry G = g;
        public readonly Conv2DFusion Fusion = fusion;
        public readonly int Batch = batch;
        public readonly Isa Isa = isa;
        public readonly float* X = x, W = w, B = b, Y = y, Scratch = scratch;
        public readonly int* Argmax = argmax;

        // words[0]: the slots held now; words[1]: the slots this call has cleared (one bit each).
        private readonly int* _words = words;

        /// <summary>Claims the lowest free slot; <paramref name="clear"/> says this call has not cleared it yet (the caller must).</summary>
        public float* Claim(out int index, out bool clear)
        {
            ref var held = ref _words[0];
            while (true)
            {
                var mask = Volatile.Read(ref held);
                // At most Slots(batch) runs at once, and there are that many slots: one is free.
                index = BitOperations.TrailingZeroCount(~mask);
                if (Interlocked.CompareExchange(ref held, mask | (1 << index), mask) == mask)
                {
                    break;
                }
            }

            var bit = 1 << index;
            clear = (Interlocked.Or(ref _words[1], bit) & bit) == 0;
            return Slot(index);
        }

        public void Release(int index) => Interlocked.And(ref _words[0], ~(1 << index));

        // Slot `index`, its start rounded up to a cache line: every plane and dy row in it is then
        // cache-line aligned (their strides are multiples of 16 floats), and an unaligned vector
        // load, split over two lines, costs two. A float array only guarantees 8 bytes.
        private float* Slot(int index)
        {
            var start = (nuint)(Scratch + ((nint)index * SlotStride(G)));
            return (float*)((start + CacheLine - 1) & ~(nuint)(CacheLine - 1));
        }
    }

    /// <summary>A run's work at one vector width, for <see cref="OnPath"/> to dispatch.</summary>
    private interface IRunBody
    {
        void Run<TVec, TOps>(int part)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>;
    }

    // Runs parts [start, start + length) of a job on the ISA path's vector width.
    private static void OnPath<TBody>(in TBody body, Isa isa, int start, int length)
        where TBody : struct, IRunBody
    {
        for (var part = start; part < start + length; part++)
        {
            switch (isa)
            {
                case Isa.Avx512:
                    body.Run<Vector512<float>, Vector512Ops>(part);
                    break;
                case Isa.Avx2:
                    body.Run<Vector256<float>, Vector256Ops>(part);
                    break;
                case Isa.V128:
                    body.Run<Vector128<float>, Vector128Ops>(part);
                    break;
                default:
                    body.Run<float, ScalarOps>(part);
                    break;
            }
        }
    }

    private readonly struct ForwardRuns(Operands operands, bool relu, float* channelBlocked) : IChunkJob, IRunBody
    {
        public void Run(int start, int length) => OnPath(this, operands.Isa, start, length);

        public void Run<TVec, TOps>(int part)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>
        {
            var slot = operands.Claim(out var index, out var clear);
            try
            {
                DirectConv2DRuns.Forward<TVec, TOps>(operands.G, operands.Fusion, operands.Batch, part, operands.X, operands.W, operands.B, operands.Y, operands.Argmax, relu, channelBlocked, slot, clear, operands.Isa);
            }
            finally
            {
                operands.Release(index);
            }
        }
    }

    private readonly struct BackwardRuns(Operands operands, float* dy, float* reluOutput, bool dxIsZero, bool channelBlocked, float* partials) : IChunkJob, IRunBody
    {
        public void Run(int start, int length) => OnPath(this, operands.Isa, start, length);

        public void Run<TVec, TOps>(int part)
            where TVec : struct
            where TOps : struct, IVectorOps<TVec>
        {
            var slot = operands.Claim(out var index, out var clear);
            try
            {
                DirectConv2DRuns.Backward<TVec, TOps>(
                    operands.G, operands.Fusion, operands.Batch, part, dy, reluOutput, operands.Argmax, operands.X, operands.W, operands.Y, dxIsZero,
                    channelBlocked, slot, clear, partials + ((nint)part * PartialCount(operands.G)), operands.Isa);
            }
            finally
            {
                operands.Release(index);
            }
        }
    }
}
