namespace Vectorized.Autoencoders.Serialization;

/// <summary>The element types the safetensors format names (the <c>dtype</c> field), as the reference implementation spells them.</summary>
public enum SafetensorsDType
{
    BOOL,
    U8,
    I8,
    F8_E5M2,
    F8_E4M3,
    F8_E8M0,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    C64,
    F64,
    I64,
    U64,
    F4,
    F6_E2M3,
    F6_E3M2,
}

/// <summary>Sizes and names of <see cref="SafetensorsDType"/> values.</summary>
public static class SafetensorsDTypes
{
    private static readonly SafetensorsDType[] All = Enum.GetValues<SafetensorsDType>();

    /// <summary>Bits per element: 4 and 6 for the packed float types, a multiple of 8 for the rest.</summary>
    public static int BitSize(SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F4 => 4,
        SafetensorsDType.F6_E2M3 or SafetensorsDType.F6_E3M2 => 6,
        SafetensorsDType.BOOL or SafetensorsDType.U8 or SafetensorsDType.I8 or SafetensorsDType.F8_E5M2 or SafetensorsDType.F8_E4M3 or SafetensorsDType.F8_E8M0 => 8,
        SafetensorsDType.I16 or SafetensorsDType.U16 or SafetensorsDType.F16 or SafetensorsDType.BF16 => 16,
        SafetensorsDType.I32 or SafetensorsDType.U32 or SafetensorsDType.F32 => 32,
        SafetensorsDType.C64 or SafetensorsDType.F64 or SafetensorsDType.I64 or SafetensorsDType.U64 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a safetensors dtype"),
    };

    /// <summary>The name written in the header, e.g. <c>F32</c>.</summary>
    public static string Name(SafetensorsDType dtype) => dtype.ToString();

    /// <summary>Parses a header's dtype name; exact and case-sensitive, as the reference reader is.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out SafetensorsDType dtype)
    {
        foreach (var candidate in All)
        {
            if (name.SequenceEqual(candidate.ToString()))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }
}
