namespace Vectorized.Autoencoders.Imaging;

/// <summary>
/// Turns first-layer weight vectors into viewable images: each filter (one row of a weight
/// matrix [out, in], in = 784 for MNIST) is min-max normalised on its own to [0, 1], as the
/// article shows them, so a filter with small weights is as legible as one with large weights.
/// </summary>
public static class FilterImages
{
    /// <summary>
    /// Copies filters <paramref name="first"/> .. <paramref name="first"/> + <paramref name="count"/> - 1
    /// of <paramref name="weights"/> into <paramref name="destination"/>, each scaled so its minimum is 0
    /// and its maximum 1. A constant filter becomes mid-gray (0.5) rather than dividing by zero.
    /// </summary>
    /// <param name="weights">weights: [outputs, inputs], row-major.</param>
    /// <param name="destination">destination: [count, inputs].</param>
    public static void Normalize(ReadOnlySpan<float> weights, int outputs, int inputs, int first, int count, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (weights.Length != outputs * inputs)
        {
            throw new ArgumentException($"weights holds {weights.Length} values; expected {outputs}x{inputs}.", nameof(weights));
        }

        if (first + count > outputs)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"Filters {first}..{first + count - 1} requested but the layer has {outputs}.");
        }

        if (destination.Length != count * inputs)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; expected {count}x{inputs}.", nameof(destination));
        }

        for (var f = 0; f < count; f++)
        {
            var source = weights.Slice((first + f) * inputs, inputs);
            var target = destination.Slice(f * inputs, inputs);
            var min = float.PositiveInfinity;
            var max = float.NegativeInfinity;
            foreach (var w in source)
            {
                min = MathF.Min(min, w);
                max = MathF.Max(max, w);
            }

            var range = max - min;
            if (!(range > 0f) || !float.IsFinite(range))
            {
                target.Fill(0.5f);
                continue;
            }

            var inverse = 1f / range;
            for (var i = 0; i < inputs; i++)
            {
                // A subnormal range has no finite inverse (0 x infinity would be NaN); dividing still works.
                target[i] = float.IsFinite(inverse) ? (source[i] - min) * inverse : (source[i] - min) / range;
            }
        }
    }

    /// <summary>Allocating form of the span overload above;  the result: [count, inputs].</summary>
    public static float[] Normalize(ReadOnlySpan<float> weights, int outputs, int inputs, int first, int count)
    {
        var result = new float[count * inputs];
        Normalize(weights, outputs, inputs, first, count, result);
        return result;
    }
}
