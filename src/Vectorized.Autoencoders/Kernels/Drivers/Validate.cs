namespace Vectorized.Autoencoders.Kernels.Drivers;

/// <summary>The argument checks every driver makes once per call, before any element is touched.</summary>
internal static class Validate
{
    /// <summary>A span operand must match the destination's length; a broadcast one holds exactly one value.</summary>
    public static void Operand<TOperand>(ReadOnlySpan<float> operand, int length, string name)
        where TOperand : IOperand
    {
        var expected = TOperand.IsScalar ? 1 : length;
        if (operand.Length != expected)
        {
            throw new ArgumentException($"Span '{name}' has length {operand.Length}; expected {expected}.", name);
        }
    }

    public static void SameLength(ReadOnlySpan<float> x, ReadOnlySpan<float> y, string name)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"Span '{name}' has length {y.Length}; expected {x.Length}.", name);
        }
    }

    /// <summary>
    /// In-place use is allowed only when the destination starts exactly where the input starts:
    /// a shifted overlap would read elements the loop has already overwritten.
    /// </summary>
    public static void NoPartialOverlap(ReadOnlySpan<float> input, ReadOnlySpan<float> destination, string name)
    {
        if (input.Overlaps(destination, out var offset) && offset != 0)
        {
            throw new ArgumentException($"Span '{name}' overlaps the destination at an offset; only exact in-place use is supported.", name);
        }
    }
}
