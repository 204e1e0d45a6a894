using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// A tensor to write: a name (PyTorch state_dict style, e.g. <c>encoder.0.weight</c>), a dtype, a
/// shape and the elements. The elements are referenced, not copied, until the file is written.
/// </summary>
public sealed class NamedTensor
{
    private readonly ReadOnlyMemory<byte> _bytes;
    private readonly ReadOnlyMemory<float> _floats;

    private NamedTensor(string name, SafetensorsDType dtype, long[] shape, ReadOnlyMemory<byte> bytes, ReadOnlyMemory<float> floats)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        DType = dtype;
        Shape = shape;
        _bytes = bytes;
        _floats = floats;
    }

    public string Name { get; }

    public SafetensorsDType DType { get; }

    public IReadOnlyList<long> Shape { get; }

    /// <summary>The elements' bytes, little-endian as the format stores them.</summary>
    public ReadOnlySpan<byte> Bytes => _floats.IsEmpty ? _bytes.Span : MemoryMarshal.AsBytes(_floats.Span);

    /// <summary>A float32 tensor over <paramref name="values"/> (not copied: keep them unchanged until written).</summary>
    /// <param name="values">[product of shape], row-major.</param>
    public static NamedTensor Float32(string name, ReadOnlyMemory<float> values, params ReadOnlySpan<long> shape)
    {
        var count = ElementCount(shape);
        if (count != values.Length)
        {
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(", ", shape.ToArray())}] holds {count} elements, got {values.Length} values", nameof(values));
        }

        return new NamedTensor(name, SafetensorsDType.F32, shape.ToArray(), ReadOnlyMemory<byte>.Empty, values);
    }

    /// <summary>A tensor of any dtype from its raw little-endian bytes (not copied).</summary>
    /// <param name="bytes">[product of shape * dtype size].</param>
    public static NamedTensor FromBytes(string name, SafetensorsDType dtype, ReadOnlyMemory<byte> bytes, params ReadOnlySpan<long> shape)
    {
        var bits = checked(ElementCount(shape) * SafetensorsDTypes.BitSize(dtype));
        if (bits % 8 != 0 || bits / 8 != bytes.Length)
        {
            throw new ArgumentException($"tensor '{name}': {dtype} [{string.Join(", ", shape.ToArray())}] needs {bits / 8.0} bytes, got {bytes.Length}", nameof(bytes));
        }

        return new NamedTensor(name, dtype, shape.ToArray(), bytes, ReadOnlyMemory<float>.Empty);
    }

    private static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count = checked(count * d);
        }

        return count;
    }
}
