using FsCheck.Xunit;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary>Write then read gives back every name, dtype, shape, metadata entry and bit; the same tensors always give the same bytes.</summary>
public class SafetensorsRoundTripTests
{
    private static readonly SafetensorsDType[] ByteSized = Enum.GetValues<SafetensorsDType>()
        .Where(d => SafetensorsDTypes.BitSize(d) % 8 == 0).ToArray();

    [Property(MaxTest = 200)]
    public bool TensorsAndMetadataRoundTripBitExact(int seed, byte tensorCount, string[] metadataKeys)
    {
        var random = new Random(seed);
        var tensors = new List<NamedTensor>();
        for (var i = 0; i < tensorCount % 6; i++)
        {
            tensors.Add(RandomTensor(random, $"layer.{i}.{RandomName(random)}"));
        }

        var metadata = new Dictionary<string, string>();
        foreach (var key in metadataKeys ?? [])
        {
            if (key is not null && IsWellFormed(key))
            {
                metadata[key] = RandomName(random);
            }
        }

        var bytes = SafetensorsWriter.ToBytes(tensors, metadata);
        var file = SafetensorsFile.Read(bytes, "roundtrip");

        var shuffled = tensors.OrderBy(_ => random.Next()).ToList();
        var again = SafetensorsWriter.ToBytes(shuffled, metadata);

        return file.Tensors.Count == tensors.Count
            && tensors.All(t => file.GetInfo(t.Name).DType == t.DType
                && file.GetInfo(t.Name).Shape.SequenceEqual(t.Shape)
                && file.GetBytes(t.Name).SequenceEqual(t.Bytes))
            && metadata.Count == file.Metadata.Count
            && metadata.All(kv => file.Metadata[kv.Key] == kv.Value)
            && (8 + BitConverter.ToInt64(bytes, 0)) % 8 == 0
            && bytes.AsSpan().SequenceEqual(again);
    }

    [Property(MaxTest = 100)]
    public bool Float32KeepsEveryBitIncludingNaNPayloads(int[] bits)
    {
        var values = (bits ?? []).Select(BitConverter.Int32BitsToSingle).ToArray();
        var file = SafetensorsFile.Read(SafetensorsWriter.ToBytes([NamedTensor.Float32("w", values, values.Length)]), "f");
        var back = file.GetFloat32("w");
        var into = new float[values.Length];
        file.CopyFloat32("w", into);
        return back.Select(BitConverter.SingleToInt32Bits).SequenceEqual(bits ?? [])
            && into.Select(BitConverter.SingleToInt32Bits).SequenceEqual(bits ?? []);
    }

    [Fact]
    public void FileWriteIsAtomicAndReadable()
    {
        var dir = Directory.CreateTempSubdirectory("vecae-st-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.safetensors");
            SafetensorsWriter.Write(path, [NamedTensor.Float32("encoder.0.weight", new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3)], new Dictionary<string, string> { ["format"] = "pt" });
            SafetensorsWriter.Write(path, [NamedTensor.Float32("encoder.0.weight", new float[] { 6, 5, 4, 3, 2, 1 }, 3, 2)], new Dictionary<string, string> { ["format"] = "pt" });
            var file = SafetensorsFile.Read(path);
            Assert.Equal(new long[] { 3, 2 }, file.GetInfo("encoder.0.weight").Shape);
            Assert.Equal(new float[] { 6, 5, 4, 3, 2, 1 }, file.GetFloat32("encoder.0.weight"));
            Assert.Single(Directory.GetFiles(dir.FullName)); // no temporary file left behind
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void WriterRejectsWhatTheFormatCannotHold()
    {
        var t = NamedTensor.Float32("a", new float[] { 1 }, 1);
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.ToBytes([t, NamedTensor.Float32("a", new float[] { 2 }, 1)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.ToBytes([NamedTensor.Float32("__metadata__", new float[] { 1 }, 1)]));
        Assert.Throws<ArgumentException>(() => NamedTensor.Float32("w", new float[] { 1, 2 }, 3));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.ToBytes([NamedTensor.Float32("bad\ud800", new float[] { 1 }, 1)]));
    }

    [Fact]
    public void WrongDtypeOrSizeOnCopyIsAFileError()
    {
        var file = SafetensorsFile.Read(SafetensorsWriter.ToBytes([NamedTensor.FromBytes("i", SafetensorsDType.I32, new byte[8], 2)]), "m");
        Assert.Contains("is I32, expected F32", Assert.Throws<Vectorized.Autoencoders.Data.FileFormatException>(() => file.GetFloat32("i")).Reason);
        Assert.Contains("no tensor named 'zz'", Assert.Throws<Vectorized.Autoencoders.Data.FileFormatException>(() => file.GetBytes("zz").Length).Reason);
    }

    private static NamedTensor RandomTensor(Random random, string name)
    {
        var dtype = ByteSized[random.Next(ByteSized.Length)];
        var shape = new long[random.Next(0, 4)];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = random.Next(0, 5);
        }

        var count = shape.Aggregate(1L, (a, b) => a * b);
        var bytes = new byte[count * SafetensorsDTypes.BitSize(dtype) / 8];
        random.NextBytes(bytes);
        if (dtype == SafetensorsDType.F32 && random.Next(2) == 0)
        {
            return NamedTensor.Float32(name, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), shape);
        }

        return NamedTensor.FromBytes(name, dtype, bytes, shape);
    }

    /// <summary>Names with quotes, backslashes, control characters and non-ASCII, which the JSON header must escape.</summary>
    private static string RandomName(Random random)
    {
        const string alphabet = "abcXYZ019._-\"\\\n\t\u0001 é€😀";
        var builder = new System.Text.StringBuilder();
        var length = random.Next(1, 8);
        while (builder.Length < length)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsSurrogate(c))
            {
                builder.Append("😀");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
