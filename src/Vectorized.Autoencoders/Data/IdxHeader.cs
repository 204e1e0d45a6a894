namespace Vectorized.Autoencoders.Data;

/// <summary>What an IDX file's header says: element type and shape, before any data is read.</summary>
public sealed class IdxHeader
{
    internal IdxHeader(IdxType type, int[] dimensions, long elementCount)
    {
        Type = type;
        Dimensions = dimensions;
        ElementCount = elementCount;
    }

    public IdxType Type { get; }

    public IReadOnlyList<int> Dimensions { get; }

    public long ElementCount { get; }

    /// <summary>Bytes of the header itself: 4 magic bytes and 4 per dimension.</summary>
    public int HeaderLength => 4 + (4 * Dimensions.Count);

    /// <summary>Bytes of element data the header claims follow it.</summary>
    public long DataLength => ElementCount * IdxTypes.SizeOf(Type);

    /// <summary>The shape in the form <c>[60000, 28, 28]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Dimensions) + "]";
}
