namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>
/// Random damage to a valid file, for the bounded fuzz tests: bit flips, structural bytes, digits
/// changed inside text, truncation, insertion, deletion, duplication, and rewritten length fields.
/// A fixed seed makes every run test the same cases.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] Interesting =
        [0, 1, 0x7F, 0x80, 0xFF, (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'"', (byte)',', (byte)':', (byte)'-', (byte)'.', (byte)'e', (byte)'\\', (byte)'0', (byte)'9', 0x1F, 0x8B];

    /// <summary>The number of cases: <paramref name="defaultCases"/> (CI), or VECAE_FUZZ_CASES for a longer local hunt.</summary>
    public static int Cases(int defaultCases) =>
        int.TryParse(Environment.GetEnvironmentVariable("VECAE_FUZZ_CASES"), out var n) && n > 0 ? n : defaultCases;

    public static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = (byte[])valid.Clone();
        var steps = 1 + random.Next(3);
        for (var s = 0; s < steps; s++)
        {
            bytes = Step(bytes, random);
        }

        return bytes;
    }

    private static byte[] Step(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return [(byte)random.Next(256)];
        }

        var at = random.Next(bytes.Length);
        switch (random.Next(9))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                bytes[at] = Interesting[random.Next(Interesting.Length)];
                return bytes;
            case 2:
                // A digit becomes another digit: keeps JSON valid while changing shapes and offsets.
                var digits = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] is >= (byte)'0' and <= (byte)'9').ToArray();
                if (digits.Length > 0)
                {
                    bytes[digits[random.Next(digits.Length)]] = (byte)('0' + random.Next(10));
                }

                return bytes;
            case 3:
                return bytes[..random.Next(bytes.Length)];
            case 4:
                var inserted = new byte[1 + random.Next(16)];
                random.NextBytes(inserted);
                return [.. bytes[..at], .. inserted, .. bytes[at..]];
            case 5:
                var length = random.Next(1, Math.Min(16, bytes.Length - at) + 1);
                return [.. bytes[..at], .. bytes[(at + length)..]];
            case 6:
                var span = random.Next(1, Math.Min(32, bytes.Length - at) + 1);
                return [.. bytes[..(at + span)], .. bytes[at..]];
            case 7:
                // Rewrite one of the first 8 bytes (a length prefix or an IDX magic and dimension) to a small or huge value.
                var position = random.Next(Math.Min(8, bytes.Length));
                bytes[position] = random.Next(2) == 0 ? (byte)(bytes[position] + random.Next(-2, 3)) : (byte)random.Next(256);
                return bytes;
            default:
                var word = random.Next(Math.Max(1, Math.Min(bytes.Length, 32) - 3));
                if (word + 4 <= bytes.Length)
                {
                    BitConverter.TryWriteBytes(bytes.AsSpan(word, 4), random.Next(int.MinValue, int.MaxValue));
                }

                return bytes;
        }
    }
}
