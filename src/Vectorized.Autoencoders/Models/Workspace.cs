using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Layers;

namespace Vectorized.Autoencoders.Models;

/// <summary>
/// Every buffer a forward and backward walk of a <see cref="Network"/> needs for batches of up to
/// <see cref="Capacity"/> rows, allocated once: activation i is [Capacity, network.Width(i)], its
/// gradient the same shape; layer i's scratch (<see cref="ILayer.ScratchSize"/>) is its own.
/// </summary>
internal sealed class Workspace
{
    public Workspace(AutoencoderOptions options, int capacity)
        : this(new Network(options), capacity)
    {
    }

    public Workspace(Network network, int capacity)
    {
        Capacity = capacity;
        var count = network.Layers.Length + 1;
        Activations = new float[count][];
        Gradients = new float[count][];
        for (var i = 0; i < count; i++)
        {
            // An activation inside a step (one it runs without writing) needs no memory.
            var materialized = network.IsMaterialized(i);
            Activations[i] = materialized ? new float[capacity * network.Width(i)] : [];
            // The batch's gradient is never needed: the first layer is given an empty dx.
            Gradients[i] = i == 0 || !materialized ? [] : new float[capacity * network.Width(i)];
        }

        var steps = network.Steps;
        ScratchFloats = new float[steps.Length][];
        ScratchInts = new int[steps.Length][];
        for (var i = 0; i < steps.Length; i++)
        {
            var (floats, ints) = steps[i].Layer.ScratchSize(capacity);
            ScratchFloats[i] = floats == 0 ? [] : new float[floats];
            ScratchInts[i] = ints == 0 ? [] : new int[ints];
        }

        Target = new float[capacity * network.Width(count - 1)];
        Indices = new int[capacity];
    }

    public int Capacity { get; }

    /// <summary>x: [Capacity, inputSize] (noisy when denoising): activation 0.</summary>
    public float[] Input => Activations[0];

    /// <summary>t: [Capacity, outputSize] (the clean sample), when it differs from the input.</summary>
    public float[] Target { get; }

    /// <summary>
    /// What the loss compares the output with: <see cref="Target"/>, or the input itself when the last
    /// batch was loaded without noise or separate targets (one copy of the batch fewer per step).
    /// </summary>
    public float[] LossTarget => _targetIsInput ? Input : Target;

    private bool _targetIsInput;

    /// <summary>The batch's sample indices: [Capacity].</summary>
    public int[] Indices { get; }

    /// <summary>Activation i: the input of layer i, the output of layer i - 1.</summary>
    public float[][] Activations { get; }

    /// <summary>When set (a benchmark's request), the walk times each phase of a training step into it.</summary>
    public StepProfile? Profile { get; set; }

    /// <summary>dLoss/d(activation i), accumulated by every layer that reads activation i (and the loss).</summary>
    public float[][] Gradients { get; }

    /// <summary>Step i's scratch floats (see <see cref="ILayer.ScratchSize"/> and <see cref="Network.Steps"/>).</summary>
    public float[][] ScratchFloats { get; }

    /// <summary>Step i's scratch ints.</summary>
    public int[][] ScratchInts { get; }

    /// <summary>Step i's scratch, the same for its forward and its backward.</summary>
    public LayerScratch Scratch(int step) => new(ScratchFloats[step], ScratchInts[step]);

    /// <summary>
    /// Gathers the batch of samples Indices[0 .. batch) into the workspace: the input (noisy when
    /// denoising) and, where it differs from the input, the clean target (see <see cref="LossTarget"/>).
    /// </summary>
    public void LoadBatch(ISampleSource inputs, ISampleSource? targets, int batch, float noiseStd, ulong noiseSeed, int threads)
    {
        var indices = Indices.AsSpan(0, batch);
        var inSize = inputs.SampleSize;
        var input = Input.AsSpan(0, batch * inSize);
        _targetIsInput = targets is null && noiseStd == 0f && Input.Length == Target.Length;
        if (_targetIsInput)
        {
            inputs.CopyBatch(indices, input);
        }
        else if (targets is not null)
        {
            inputs.CopyBatch(indices, input);
            targets.CopyBatch(indices, Target.AsSpan(0, batch * targets.SampleSize));
            if (noiseStd > 0f)
            {
                GaussianNoise.ApplyBatchInParallel(Indices, Input, batch, inSize, noiseStd, noiseSeed, Input, threads);
            }
        }
        else
        {
            var target = Target.AsSpan(0, batch * inSize);
            inputs.CopyBatch(indices, target);
            if (noiseStd > 0f)
            {
                GaussianNoise.ApplyBatchInParallel(Indices, Target, batch, inSize, noiseStd, noiseSeed, Input, threads);
            }
            else
            {
                target.CopyTo(input);
            }
        }
    }
}
