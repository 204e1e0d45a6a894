using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Losses;

namespace Vectorized.Autoencoders.Models;

/// <summary>Evaluate, Encode, Decode and Predict: forward passes in chunks over a small workspace.</summary>
public sealed partial class Autoencoder
{
    /// <summary>Keras' default batch size, for fit and evaluate alike.</summary>
    public const int DefaultBatchSize = 32;

    private const int InferenceChunk = 256;

    // The forward passes' buffers, kept between Encode/Decode/Predict calls (taken, then put back).
    private Workspace? _inferenceWorkspace;

    // Bumped whenever the parameters are written (ParametersChanged); the transposed weights that
    // inference reads are made from one version and made again after it.
    private long _parameterVersion;
    private InferenceWeights? _inferenceWeights;

    /// <summary>
    /// Keras' evaluate(x_noisy, x): for each batch of <paramref name="batchSize"/>, the mean
    /// reconstruction loss plus the code penalty (summed over the batch, in the article's form), then
    /// the mean of those batch losses weighted by batch size. Also the code statistics.
    /// </summary>
    public EvaluationResult Evaluate(ISampleSource data, float noiseStd = 0f, int seed = 1, int batchSize = DefaultBatchSize, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSampleSize(data);
        if (batchSize < 1 || threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), "Batch size and threads must be at least 1.");
        }

        var ws = new Workspace(Network, Math.Min(batchSize, Math.Max(1, data.Count)));
        // A variational model's draws in evaluation depend on the seed only, not on what ran before.
        Network.Sampler?.SeedEvaluation(EvaluationNoiseSeed(seed));
        var noiseSeed = GaussianNoise.SeedFor(seed);
        double weighted = 0, reconstruction = 0, codeSum = 0;
        long zeros = 0;
        for (var start = 0; start < data.Count; start += ws.Capacity)
        {
            var batch = Math.Min(ws.Capacity, data.Count - start);
            var indices = ws.Indices.AsSpan(0, batch);
            for (var r = 0; r < batch; r++)
            {
                indices[r] = start + r;
            }

            ws.LoadBatch(data, null, batch, noiseStd, noiseSeed, threads);
            var mean = ModelPass.Loss(this, ws, batch, threads, out var penalty);
            var code = ws.Activations[Network.CodeOutput].AsSpan(0, batch * CodeSize);
            reconstruction += mean * batch;
            weighted += (mean + penalty) * batch;
            foreach (var v in code)
            {
                codeSum += v;
                zeros += v == 0f ? 1 : 0;
            }
        }

        var n = Math.Max(1, data.Count);
        var decay = Options.WeightDecay != 0f ? WeightDecay.Penalty(_layers, Parameters, Options.WeightDecay) : 0.0;
        return new EvaluationResult(weighted / n + decay, reconstruction / n, codeSum / ((double)n * CodeSize), (double)zeros / ((double)n * CodeSize), data.Count);
    }

    /// <summary>The codes of <paramref name="count"/> samples.</summary>
    // x: [count, InputSize], codes: [count, CodeSize]
    public void Encode(ReadOnlySpan<float> x, int count, Span<float> codes, int threads = 1) =>
        Run(x, count, 0, Network.CodeOutput, InputSize, CodeSize, codes, threads);

    /// <summary>Reconstructions from codes.</summary>
    // codes: [count, CodeSize], y: [count, OutputSize]
    public void Decode(ReadOnlySpan<float> codes, int count, Span<float> y, int threads = 1) =>
        Run(codes, count, Network.CodeOutput, Network.Layers.Length, CodeSize, OutputSize, y, threads);

    /// <summary>Reconstructions of inputs.</summary>
    // x: [count, InputSize], y: [count, OutputSize]
    public void Predict(ReadOnlySpan<float> x, int count, Span<float> y, int threads = 1) =>
        Run(x, count, 0, Network.Layers.Length, InputSize, OutputSize, y, threads);

    /// <summary>The codes of every sample: [data.Count, CodeSize].</summary>
    public float[] Encode(ISampleSource data, int threads = 1) => RunSource(data, Network.CodeOutput, CodeSize, threads);

    /// <summary>The reconstruction of every sample: [data.Count, OutputSize].</summary>
    public float[] Predict(ISampleSource data, int threads = 1) => RunSource(data, Network.Layers.Length, OutputSize, threads);

    private float[] RunSource(ISampleSource data, int end, int width, int threads)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckSampleSize(data);
        var result = new float[(long)data.Count * width];
        var x = new float[InferenceChunk * InputSize];
        var indices = new int[InferenceChunk];
        for (var start = 0; start < data.Count; start += InferenceChunk)
        {
            var batch = Math.Min(InferenceChunk, data.Count - start);
            for (var r = 0; r < batch; r++)
            {
                indices[r] = start + r;
            }

            data.CopyBatch(indices.AsSpan(0, batch), x.AsSpan(0, batch * InputSize));
            Run(x.AsSpan(0, batch * InputSize), batch, 0, end, InputSize, width, result.AsSpan(start * width, batch * width), threads);
        }

        return result;
    }

    /// <summary>Layers [first, end) of the network on rows of x.</summary>
    private void Run(ReadOnlySpan<float> x, int count, int first, int end, int inWidth, int outWidth, Span<float> y, int threads)
    {
        if (count < 0 || x.Length < (long)count * inWidth || y.Length < (long)count * outWidth)
        {
            throw new ArgumentException($"Expected {count} rows of {inWidth} in and {outWidth} out.");
        }

        if (first >= end)
        {
            x[..(count * inWidth)].CopyTo(y);
            return;
        }

        // Repeated calls (a service predicting one request at a time) reuse one workspace instead of
        // allocating megabytes per call; a concurrent caller that finds it taken makes its own.
        var capacity = Math.Min(InferenceChunk, Math.Max(1, count));
        var ws = Interlocked.Exchange(ref _inferenceWorkspace, null);
        if (ws is null || ws.Capacity < capacity)
        {
            ws = new Workspace(Network, capacity);
        }

        try
        {
            // A channel-major activation (a convolutional code) comes in and goes out as rows of
            // (channel, height, width), PyTorch's flatten order, through a transpose.
            int inChannels = Network.Channels[first], outChannels = Network.Channels[end];
            for (var start = 0; start < count; start += ws.Capacity)
            {
                var batch = Math.Min(ws.Capacity, count - start);
                var rows = x.Slice(start * inWidth, batch * inWidth);
                var input = rows;
                if (inChannels > 1)
                {
                    ToChannelMajor(rows, batch, inChannels, inWidth / inChannels, ws.Activations[first]);
                    input = ws.Activations[first].AsSpan(0, batch * inWidth);
                }

                ModelPass.Forward(this, ws, input, batch, first, end, training: false, threads, PreparedWeights());
                var output = ws.Activations[end].AsSpan(0, batch * outWidth);
                var destination = y.Slice(start * outWidth, batch * outWidth);
                if (outChannels > 1)
                {
                    ToRows(output, batch, outChannels, outWidth / outChannels, destination);
                }
                else
                {
                    output.CopyTo(destination);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _inferenceWorkspace, ws);
        }
    }

    /// <summary>
    /// The weights an inference pass reads in its steps' own layouts (made now if the parameters
    /// changed since): a linear step's transposed panels, a wide convolution's channel blocks.
    /// </summary>
    private InferenceWeights PreparedWeights()
    {
        var version = Interlocked.Read(ref _parameterVersion);
        var weights = Volatile.Read(ref _inferenceWeights);
        if (weights is null || weights.Version != version)
        {
            weights = InferenceWeights.Build(Network, Parameters, version);
            Volatile.Write(ref _inferenceWeights, weights);
        }

        return weights;
    }

    private void CheckSampleSize(ISampleSource data)
    {
        if (data.SampleSize != InputSize)
        {
            throw new ArgumentException($"The model takes samples of {InputSize} values; the data has {data.SampleSize}.");
        }
    }
}
