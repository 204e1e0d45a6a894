namespace Vectorized.Autoencoders.Gemm;

/// <summary>
/// How many rows of a micro-tile a kernel body computes, as a type: each struct below makes the JIT
/// compile its own copy of the body, in which the rows past <see cref="Rows"/> and their accumulators
/// are gone. A driver's last row tile (32 rows are 12 + 12 + 8 for the 12-row kernel) then runs the
/// smallest body that covers it instead of a whole tile on zero rows.
/// </summary>
internal interface ITileRows
{
    static abstract int Rows { get; }
}

internal readonly struct TwoRows : ITileRows
{
    public static int Rows => 2;
}

internal readonly struct FourRows : ITileRows
{
    public static int Rows => 4;
}

internal readonly struct SixRows : ITileRows
{
    public static int Rows => 6;
}

internal readonly struct EightRows : ITileRows
{
    public static int Rows => 8;
}

internal readonly struct TwelveRows : ITileRows
{
    public static int Rows => 12;
}
