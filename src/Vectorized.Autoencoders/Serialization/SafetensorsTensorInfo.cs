namespace Vectorized.Autoencoders.Serialization;

/// <summary>One tensor's entry in a safetensors header: name, dtype, shape and where its bytes lie.</summary>
public sealed class SafetensorsTensorInfo
{
    internal SafetensorsTensorInfo(string name, SafetensorsDType dtype, long[] shape, long begin, long end, long elementCount)
    {
        Name = name;
        DType = dtype;
        Shape = shape;
        Begin = begin;
        End = end;
        ElementCount = elementCount;
    }

    public string Name { get; }

    public SafetensorsDType DType { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Offset of the first byte in the data section (after the header).</summary>
    public long Begin { get; }

    /// <summary>Offset one past the last byte in the data section.</summary>
    public long End { get; }

    public long ByteLength => End - Begin;

    public long ElementCount { get; }

    /// <summary>The shape in the form <c>[128, 784]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
