using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Data;

/// <summary>
/// The contents of one IDX file: an element type, a shape, and the elements in row-major order,
/// held in the machine's byte order (the file's big-endian order is undone when reading).
/// </summary>
public sealed class IdxArray
{
    private readonly byte[] _data;
    private readonly int[] _dimensions;

    private IdxArray(IdxType type, int[] dimensions, byte[] data)
    {
        Type = type;
        _dimensions = dimensions;
        _data = data;
        Count = data.LongLength / IdxTypes.SizeOf(type);
    }

    public IdxType Type { get; }

    /// <summary>The sizes of the dimensions, outermost first (MNIST images: [count, 28, 28]).</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    public int Rank => _dimensions.Length;

    /// <summary>The number of elements: the product of <see cref="Dimensions"/>.</summary>
    public long Count { get; }

    /// <summary>The elements' bytes in the machine's byte order: [Count * element size].</summary>
    public ReadOnlyMemory<byte> Bytes => _data;

    /// <summary>The elements as <typeparamref name="T"/>, which must match <see cref="Type"/> (byte for u8, float for f32, ...).</summary>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged
    {
        var requested = IdxTypes.Of<T>();
        if (requested != Type)
        {
            throw new InvalidOperationException($"the array holds {IdxTypes.Name(Type)} elements, not {IdxTypes.Name(requested)}");
        }

        return MemoryMarshal.Cast<byte, T>(_data);
    }

    /// <summary>An array of <paramref name="values"/> (copied) with the given shape.</summary>
    /// <param name="values">[product of dimensions], row-major.</param>
    public static IdxArray Create<T>(ReadOnlySpan<T> values, params ReadOnlySpan<int> dimensions)
        where T : unmanaged
    {
        var type = IdxTypes.Of<T>();
        if (dimensions.Length is < 1 or > 255)
        {
            throw new ArgumentException($"an IDX array has 1 to 255 dimensions, got {dimensions.Length}", nameof(dimensions));
        }

        long count = 1;
        foreach (var d in dimensions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(dimensions));
            count = checked(count * d);
        }

        if (count != values.Length)
        {
            throw new ArgumentException($"the shape holds {count} elements but {values.Length} values were given", nameof(values));
        }

        var data = MemoryMarshal.AsBytes(values).ToArray();
        return new IdxArray(type, dimensions.ToArray(), data);
    }

    /// <summary>Wraps bytes the reader produced; the shape was already checked against the length.</summary>
    internal static IdxArray Wrap(IdxType type, int[] dimensions, byte[] nativeOrderData) =>
        new(type, dimensions, nativeOrderData);

    /// <summary>The array object's own byte buffer, for loaders that keep it without copying.</summary>
    internal byte[] RawBuffer => _data;
}
