using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// The variational autoencoder's sampling head as a layer: each input row is [mean | logvar]
/// (2 x <see cref="OutputSize"/>), each output row z = mean + eps * exp(logvar / 2). eps is drawn
/// serially from a seeded stream the layer owns (one for training, one for evaluation), or, when a
/// trainer replays PyTorch's streams, from PyTorch's generator that it sets, so the draws never depend
/// on the thread count; they are kept for the backward pass.
/// </summary>
internal sealed class GaussianSampleLayer(int latent) : ILayer
{
    private float[] _eps = [];
    private Xoshiro256 _trainingStream = new(1);
    private Xoshiro256 _evaluationStream = new(1);

    public int InputSize => 2 * OutputSize;

    public int OutputSize { get; } = latent;

    public int ParameterCount => 0;

    /// <summary>Outside training, false decodes the mean (eps = 0) instead of a draw.</summary>
    public bool SampleInEvaluation { get; set; } = true;

    /// <summary>For gradient checks: when false, Forward reuses <see cref="Noise"/> as it is.</summary>
    internal bool DrawNoise { get; set; } = true;

    /// <summary>The last batch's eps, [batch, latent].</summary>
    internal Span<float> Noise(int batch)
    {
        EnsureNoise(batch);
        return _eps.AsSpan(0, batch * OutputSize);
    }

    /// <summary>
    /// When a trainer replays <c>RandomStreams.PyTorch</c>: PyTorch's generator, from which training
    /// draws eps as the peer's <c>torch.randn_like(mu)</c> does, one call per batch. Null otherwise.
    /// </summary>
    internal Mt19937? TorchTrainingStream { get; set; }

    /// <summary>The same for evaluation, set by the trainer around its validation pass only (the peer's test pass draws from the generator too).</summary>
    internal Mt19937? TorchEvaluationStream { get; set; }

    public void SeedTraining(ulong seed) => _trainingStream = new Xoshiro256(seed);

    public void SeedEvaluation(ulong seed) => _evaluationStream = new Xoshiro256(seed);

    /// <summary>The training stream's position, for a checkpoint: a resumed run draws the same eps as a straight one.</summary>
    // state: [4]
    public void GetTrainingState(Span<ulong> state) => _trainingStream.GetState(state);

    /// <summary>Continues the training stream from a state saved with <see cref="GetTrainingState"/>.</summary>
    // state: [4]
    public void RestoreTraining(ReadOnlySpan<ulong> state) => _trainingStream = Xoshiro256.FromState(state);

    public void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch)
    {
        var latent = OutputSize;
        var eps = Noise(batch);
        if (DrawNoise)
        {
            if (training && TorchTrainingStream is { } torchTraining)
            {
                TorchRandom.Randn(torchTraining, eps);
            }
            else if (training)
            {
                Draw(ref _trainingStream, eps);
            }
            else if (SampleInEvaluation && TorchEvaluationStream is { } torchEvaluation)
            {
                TorchRandom.Randn(torchEvaluation, eps);
            }
            else if (SampleInEvaluation)
            {
                Draw(ref _evaluationStream, eps);
            }
            else
            {
                eps.Clear();
            }
        }

        for (var r = 0; r < batch; r++)
        {
            var row = x.Slice(r * 2 * latent, 2 * latent);
            GaussianSample.Forward(row[..latent], row[latent..], eps.Slice(r * latent, latent), y.Slice(r * latent, latent));
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

        var latent = OutputSize;
        var eps = _eps.AsSpan(0, batch * latent);
        for (var r = 0; r < batch; r++)
        {
            var row = x.Slice(r * 2 * latent, 2 * latent);
            var drow = dx.Slice(r * 2 * latent, 2 * latent);
            GaussianSample.Backward(dy.Slice(r * latent, latent), row[latent..], eps.Slice(r * latent, latent), drow[..latent], drow[latent..]);
        }
    }

    private static void Draw(ref Xoshiro256 stream, Span<float> eps)
    {
        for (var i = 0; i < eps.Length; i++)
        {
            eps[i] = (float)stream.NextGaussian();
        }
    }

    // Grows once, on the first batch of a size; a warmed step allocates nothing.
    private void EnsureNoise(int batch)
    {
        if (_eps.Length < batch * OutputSize)
        {
            _eps = new float[batch * OutputSize];
        }
    }
}
