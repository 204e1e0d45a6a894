using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Serialization.Npy;

/// <summary>The contents of a .npy file: element type, shape, and the elements in row-major order and the machine's byte order.</summary>
public sealed class NpyArray
{
    private readonly byte[] _data;

    internal NpyArray(NpyDType dtype, int[] shape, byte[] nativeOrderData)
    {
        DType = dtype;
        ShapeArray = shape;
        _data = nativeOrderData;
    }

    public NpyDType DType { get; }

    /// <summary>The dimensions, outermost first.</summary>
    public IReadOnlyList<int> Shape => ShapeArray;

    public int Rank => ShapeArray.Length;

    /// <summary>The number of elements.</summary>
    public long Count => _data.LongLength / NpyDTypes.SizeOf(DType);

    /// <summary>The elements as <typeparamref name="T"/>: float for <see cref="NpyDType.Float32"/>, byte for <see cref="NpyDType.UInt8"/>.</summary>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged
    {
        var wanted = typeof(T) == typeof(float) ? NpyDType.Float32 : typeof(T) == typeof(byte) ? NpyDType.UInt8 : (NpyDType)(-1);
        if (wanted != DType)
        {
            throw new InvalidOperationException($"the array holds {NpyDTypes.Descriptor(DType, false)} elements, not {typeof(T).Name}");
        }

        return MemoryMarshal.Cast<byte, T>(_data);
    }

    internal int[] ShapeArray { get; }

    /// <summary>The array's own buffer, for loaders that keep it without copying.</summary>
    internal byte[] RawBuffer => _data;
}
