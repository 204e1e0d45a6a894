namespace Vectorized.Autoencoders.Data;

/// <summary>
/// CRC-32 as gzip and PNG (and zlib's crc32, Ethernet) define it: reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF; the gzip reader checks its members with
/// it and vecae's PNG writer signs its chunks. Table-driven, one byte per step: fast enough for
/// a data set read once and a figure's small chunks.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    private static readonly uint[] s_table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Append(Start, data));

    /// <summary>The running state before any byte; feed it to <see cref="Append"/>.</summary>
    public const uint Start = 0xFFFFFFFFu;

    /// <summary>Continues a running CRC over more bytes (so a chunk's type and data need no copy).</summary>
    public static uint Append(uint state, ReadOnlySpan<byte> data)
    {
        var table = s_table;
        foreach (var b in data)
        {
            state = table[(state ^ b) & 0xFF] ^ (state >> 8);
        }

        return state;
    }

    /// <summary>Turns a running state into the CRC value.</summary>
    public static uint Finish(uint state) => state ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
