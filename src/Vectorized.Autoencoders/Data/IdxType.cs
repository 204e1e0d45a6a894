namespace Vectorized.Autoencoders.Data;

/// <summary>The element type of an IDX file: the third byte of its magic number.</summary>
public enum IdxType : byte
{
    UnsignedByte = 0x08,
    SignedByte = 0x09,
    Int16 = 0x0B,
    Int32 = 0x0C,
    Float32 = 0x0D,
    Float64 = 0x0E,
}

/// <summary>Sizes and names of <see cref="IdxType"/> values.</summary>
public static class IdxTypes
{
    /// <summary>True for the six type codes the format defines.</summary>
    public static bool IsDefined(byte code) =>
        code is 0x08 or 0x09 or 0x0B or 0x0C or 0x0D or 0x0E;

    /// <summary>Bytes per element.</summary>
    public static int SizeOf(IdxType type) => type switch
    {
        IdxType.UnsignedByte or IdxType.SignedByte => 1,
        IdxType.Int16 => 2,
        IdxType.Int32 or IdxType.Float32 => 4,
        IdxType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an IDX type code"),
    };

    /// <summary>A short name for printing: u8, i8, i16, i32, f32, f64.</summary>
    public static string Name(IdxType type) => type switch
    {
        IdxType.UnsignedByte => "u8",
        IdxType.SignedByte => "i8",
        IdxType.Int16 => "i16",
        IdxType.Int32 => "i32",
        IdxType.Float32 => "f32",
        IdxType.Float64 => "f64",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an IDX type code"),
    };

    /// <summary>The type code that stores elements of the CLR type <typeparamref name="T"/>.</summary>
    public static IdxType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(byte))
        {
            return IdxType.UnsignedByte;
        }

        if (typeof(T) == typeof(sbyte))
        {
            return IdxType.SignedByte;
        }

        if (typeof(T) == typeof(short))
        {
            return IdxType.Int16;
        }

        if (typeof(T) == typeof(int))
        {
            return IdxType.Int32;
        }

        if (typeof(T) == typeof(float))
        {
            return IdxType.Float32;
        }

        if (typeof(T) == typeof(double))
        {
            return IdxType.Float64;
        }

        throw new NotSupportedException($"IDX has no type code for {typeof(T).Name}");
    }
}
