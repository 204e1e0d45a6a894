using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// The NaN and infinite values in a safetensors file's F32 tensors, counted by streaming each
/// tensor's bytes through one small buffer, so <c>vecae inspect</c> stays in constant memory.
/// Only tensors holding such values are listed.
/// </summary>
internal static class InspectNonFinite
{
    public readonly record struct Counts(long NaN, long PositiveInfinity, long NegativeInfinity)
    {
        public string Text => string.Join(", ", new[] { (NaN, "NaN"), (PositiveInfinity, "+Infinity"), (NegativeInfinity, "-Infinity") }.Where(c => c.Item1 > 0).Select(c => $"{c.Item1} {c.Item2}"));

        /// <summary>The first kind present, as a loader names it: "NaN", "+Infinity" or "-Infinity".</summary>
        public string First => NaN > 0 ? "NaN" : PositiveInfinity > 0 ? "+Infinity" : "-Infinity";
    }

    /// <summary>Counts per tensor name, in the header's order; the file has passed <see cref="SafetensorsFile.Scan(string)"/>.</summary>
    public static List<(string Name, Counts Counts)> Count(string path, SafetensorsScan scan)
    {
        var found = new List<(string, Counts)>();
        var buffer = new byte[1 << 16];
        using var file = File.OpenRead(path);
        var dataStart = 8 + scan.HeaderLength;
        scan.ForEachTensor(t =>
        {
            if (t.DType != SafetensorsDType.F32)
            {
                return;
            }

            file.Position = dataStart + t.Begin;
            long nan = 0, positive = 0, negative = 0;
            for (var left = t.ByteLength; left > 0;)
            {
                var chunk = (int)Math.Min(buffer.Length, left);
                if (file.ReadAtLeast(buffer.AsSpan(0, chunk), chunk, throwOnEndOfStream: false) != chunk)
                {
                    throw new FileFormatException(path, "truncated while reading tensor data (did the file change?)");
                }

                foreach (var bits in MemoryMarshal.Cast<byte, int>(buffer.AsSpan(0, chunk)))
                {
                    var value = BitConverter.Int32BitsToSingle(BitConverter.IsLittleEndian ? bits : BinaryPrimitives.ReverseEndianness(bits));
                    if (!float.IsFinite(value))
                    {
                        _ = float.IsNaN(value) ? nan++ : value > 0 ? positive++ : negative++;
                    }
                }

                left -= chunk;
            }

            if (nan + positive + negative > 0)
            {
                found.Add((t.Name, new Counts(nan, positive, negative)));
            }
        });
        return found;
    }
}
