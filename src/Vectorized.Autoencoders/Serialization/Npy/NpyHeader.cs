using System.Globalization;

namespace Vectorized.Autoencoders.Serialization.Npy;

/// <summary>What a .npy file's header says: element type, byte order, shape, and where the data starts.</summary>
public sealed class NpyHeader
{
    /// <summary>The dimensions vecae's .npy files may have: vectors, matrices [rows, features], images [count, height, width].</summary>
    public const int MaxRank = 3;

    internal NpyHeader(int majorVersion, NpyDType dtype, bool bigEndian, int[] shape, long elementCount, long dataOffset)
    {
        MajorVersion = majorVersion;
        DType = dtype;
        BigEndian = bigEndian;
        ShapeArray = shape;
        ElementCount = elementCount;
        DataOffset = dataOffset;
    }

    /// <summary>The format version's major number (1, 2 or 3).</summary>
    public int MajorVersion { get; }

    public NpyDType DType { get; }

    /// <summary>True for <c>'&gt;f4'</c>: elements stored most significant byte first.</summary>
    public bool BigEndian { get; }

    /// <summary>The dimensions, outermost first (row-major, C order).</summary>
    public IReadOnlyList<int> Shape => ShapeArray;

    /// <summary>The product of <see cref="Shape"/>.</summary>
    public long ElementCount { get; }

    /// <summary>Bytes before the first element: magic, version, header length and the header itself.</summary>
    public long DataOffset { get; }

    public int ElementSize => NpyDTypes.SizeOf(DType);

    public long DataLength => ElementCount * ElementSize;

    /// <summary>NumPy's dtype string for the element type, e.g. <c>&lt;f4</c>.</summary>
    public string Descriptor => NpyDTypes.Descriptor(DType, BigEndian);

    /// <summary>The shape as Python writes a tuple: <c>(10000, 32)</c>, <c>(5,)</c>.</summary>
    public string ShapeText => NpyDTypes.TupleText(ShapeArray);

    internal int[] ShapeArray { get; }
}

/// <summary>Sizes and NumPy names of the <see cref="NpyDType"/>s.</summary>
internal static class NpyDTypes
{
    public static int SizeOf(NpyDType dtype) => dtype == NpyDType.Float32 ? 4 : 1;

    public static string Descriptor(NpyDType dtype, bool bigEndian) => dtype switch
    {
        NpyDType.Float32 => bigEndian ? ">f4" : "<f4",
        NpyDType.UInt8 => "|u1",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };

    /// <summary>Parses a dtype string; false for any type vecae does not read.</summary>
    public static bool TryParse(string descriptor, out NpyDType dtype, out bool bigEndian)
    {
        (dtype, bigEndian) = (NpyDType.Float32, false);
        switch (descriptor)
        {
            case "<f4":
                return true;
            case ">f4":
                bigEndian = true;
                return true;
            case "|u1" or "<u1" or ">u1" or "u1":
                dtype = NpyDType.UInt8;
                return true;
            default:
                return false;
        }
    }

    public static string TupleText(IReadOnlyList<int> shape) => shape.Count == 1
        ? string.Create(CultureInfo.InvariantCulture, $"({shape[0]},)")
        : "(" + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")";
}
