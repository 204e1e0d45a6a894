namespace Vectorized.Autoencoders.Layers;

/// <summary>Keras' <c>padding</c> argument of Conv2D and MaxPooling2D (TensorFlow's semantics).</summary>
internal enum Conv2DPadding
{
    /// <summary>No padding: only windows that lie wholly inside the input, out = floor((in - k) / s) + 1.</summary>
    Valid,

    /// <summary>
    /// out = ceil(in / s), with max((out - 1) s + k - in, 0) padding split as TensorFlow does: half
    /// (rounded down) before, the rest after, so an odd total puts the extra row at the bottom and the
    /// extra column at the right. Convolutions pad with zeros; pooling ignores the padding.
    /// </summary>
    Same,
}
