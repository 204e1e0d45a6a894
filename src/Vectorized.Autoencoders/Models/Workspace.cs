using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// Every activation buffer a forward and backward pass needs for batches of up to <see cref="Capacity"/>
/// rows, allocated once. Layer l's buffers are [Capacity, outputSize(l)].
/// </summary>
internal sealed class Workspace
{
    public Workspace(AutoencoderOptions options, int capacity)
    {
        Capacity = capacity;
        var layers = options.LayerCount;
        Input = new float[capacity * options.LayerSizes[0]];
        Target = new float[capacity * options.LayerSizes[layers]];
        Indices = new int[capacity];
        PreActivation = new float[layers][];
        Output = new float[layers][];
        OutputGradient = new float[layers][];
        PreActivationGradient = new float[layers][];
        for (var l = 0; l < layers; l++)
        {
            var n = capacity * options.LayerSizes[l + 1];
            PreActivation[l] = new float[n];
            Output[l] = new float[n];
            OutputGradient[l] = new float[n];
            PreActivationGradient[l] = new float[n];
        }
    }

    public int Capacity { get; }

    /// <summary>x: [Capacity, inputSize] (noisy when denoising).</summary>
    public float[] Input { get; }

    /// <summary>t: [Capacity, outputSize] (the clean sample).</summary>
    public float[] Target { get; }

    /// <summary>The batch's sample indices: [Capacity].</summary>
    public int[] Indices { get; }

    /// <summary>z_l = a_{l-1} W_l^T + b_l.</summary>
    public float[][] PreActivation { get; }

    /// <summary>a_l = f(z_l).</summary>
    public float[][] Output { get; }

    /// <summary>dLoss/da_l (accumulated).</summary>
    public float[][] OutputGradient { get; }

    /// <summary>dLoss/dz_l.</summary>
    public float[][] PreActivationGradient { get; }

    /// <summary>
    /// Gathers the batch of samples Indices[0 .. batch) into the workspace: Target = clean sample,
    /// Input = target or its noisy copy.
    /// </summary>
    public void LoadBatch(ISampleSource inputs, ISampleSource? targets, int batch, float noiseStd, ulong noiseSeed, int threads)
    {
        var indices = Indices.AsSpan(0, batch);
        var inSize = inputs.SampleSize;
        var input = Input.AsSpan(0, batch * inSize);
        if (targets is not null)
        {
            inputs.CopyBatch(indices, input);
            targets.CopyBatch(indices, Target.AsSpan(0, batch * targets.SampleSize));
        }
        else
        {
            var target = Target.AsSpan(0, batch * inSize);
            inputs.CopyBatch(indices, target);
            if (noiseStd > 0f)
            {
                GaussianNoise.ApplyBatchInParallel(Indices, Target, batch, inSize, noiseStd, noiseSeed, Input, threads);
                return;
            }

            target.CopyTo(input);
        }

        if (noiseStd > 0f)
        {
            GaussianNoise.ApplyBatchInParallel(Indices, Input, batch, inSize, noiseStd, noiseSeed, Input, threads);
        }
    }
}
