namespace Vectorized.Autoencoders.Layers;

/// <summary>
/// One step of a network, llm.c style: a forward and a backward over the batch on preallocated
/// spans (activations and gradients hold batch x InputSize and batch x OutputSize floats: each sample
/// flattened, or for image layers channel-major [channels, batch, height, width], see
/// <see cref="Conv2D"/>; an image layer reads its own shape from its fields). Parameters and their gradients
/// are this layer's slices of the model's flat buffers. Backward ADDS to the input and parameter
/// gradients, which the step zeroes once, so a tensor that feeds two consumers needs no special code.
/// <para>
/// A layer that needs memory of its own (an im2col matrix, the argmax a max-pooling saves for its
/// backward) says how much in <see cref="ScratchSize"/>; the workspace allocates it once per layer and
/// hands the same <see cref="LayerScratch"/> to its Forward and Backward, so a step allocates nothing.
/// </para>
/// </summary>
internal interface ILayer
{
    /// <summary>Values per sample read.</summary>
    int InputSize { get; }

    /// <summary>Values per sample written.</summary>
    int OutputSize { get; }

    /// <summary>Floats this layer owns in the flat parameter buffer (0 for none).</summary>
    int ParameterCount { get; }

    /// <summary>Scratch floats and ints for batches of up to <paramref name="capacity"/> rows (none by default).</summary>
    (int Floats, int Ints) ScratchSize(int capacity) => (0, 0);

    /// <summary>
    /// Whether <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, int, int, Span{float}, Span{float}, LayerScratch, bool, bool)"/>,
    /// told dxIsZero, writes every float of dx. The step then skips zeroing that gradient: for a
    /// convolutional model the widest activation gradients are megabytes, and clearing them cost more
    /// than a millisecond a step. False by default, which is always right.
    /// </summary>
    bool WritesZeroedInputGradient => false;

    /// <summary>
    /// y = f(x). <paramref name="training"/> is Keras' flag (a sampling or dropout layer behaves
    /// differently outside training); only a forward pass in training is followed by a backward
    /// pass, so outside it a layer may skip what only its backward reads (a pooling's argmax).
    /// </summary>
    // x: [batch, InputSize], parameters: [ParameterCount], y: [batch, OutputSize]
    void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> parameters, int batch, bool training, int threads, Span<float> y, LayerScratch scratch);

    /// <summary>
    /// dx += dy dy/dx (skipped when dx is empty) and dParameters += dy dy/dparameters, told which
    /// gradients nothing has added to yet this step: a layer may then write them where it would add
    /// (the same values, adding to zero), which spares reading them. Ignoring the hints is always
    /// right; a dense layer uses them (its GEMMs' beta 0).
    /// </summary>
    // x: [batch, InputSize], y: [batch, OutputSize], dy: [batch, OutputSize], parameters and dParameters: [ParameterCount], dx: [batch, InputSize] or empty
    void Backward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, ReadOnlySpan<float> parameters,
        int batch, int threads, Span<float> dParameters, Span<float> dx, LayerScratch scratch,
        bool dParametersAreZero, bool dxIsZero);
}
