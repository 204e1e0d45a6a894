using FsCheck.Xunit;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>Write then read gives back the same type, shape and bits, for every type code, any rank, raw or gzip.</summary>
public class IdxRoundTripTests
{
    private static readonly IdxType[] AllTypes =
        [IdxType.UnsignedByte, IdxType.SignedByte, IdxType.Int16, IdxType.Int32, IdxType.Float32, IdxType.Float64];

    [Property(MaxTest = 300)]
    public bool EveryTypeAndShapeRoundTrips(byte typeIndex, byte[] dimensionSeeds, int valueSeed, bool gzip)
    {
        var type = AllTypes[typeIndex % AllTypes.Length];
        // 1 to 5 dimensions of 0 to 6 elements: zero-size arrays and rank > 3 are legal IDX too.
        var rank = 1 + ((dimensionSeeds?.Length ?? 0) % 5);
        var dimensions = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            dimensions[i] = dimensionSeeds is { Length: > 0 } ? dimensionSeeds[i % dimensionSeeds.Length] % 7 : 3;
        }

        var original = RandomArray(type, dimensions, new Random(valueSeed));
        var back = IdxReader.Read(Encode(original, gzip), "roundtrip");

        return back.Type == original.Type
            && back.Dimensions.SequenceEqual(original.Dimensions)
            && back.Count == original.Count
            && back.Bytes.Span.SequenceEqual(original.Bytes.Span);
    }

    [Fact]
    public void BigEndianOnDiskAndNativeInMemory()
    {
        var array = IdxArray.Create<int>([0x01020304, -2], 2);
        var bytes = Encode(array, gzip: false);
        Assert.Equal(new byte[] { 0, 0, 0x0C, 1, 0, 0, 0, 2, 1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFE }, bytes);
        Assert.Equal(new[] { 0x01020304, -2 }, IdxReader.Read(bytes, "x").AsSpan<int>().ToArray());
    }

    [Fact]
    public void FloatsKeepEveryBit()
    {
        float[] specials = [float.NaN, BitConverter.Int32BitsToSingle(0x7FC12345), -0f, float.Epsilon, float.PositiveInfinity, float.MinValue, 1f / 3];
        var back = IdxReader.Read(Encode(IdxArray.Create<float>(specials, specials.Length), gzip: true), "f").AsSpan<float>();
        for (var i = 0; i < specials.Length; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(specials[i]), BitConverter.SingleToInt32Bits(back[i]));
        }
    }

    [Fact]
    public void GzipIsDetectedByContentNotName()
    {
        var dir = Directory.CreateTempSubdirectory("vecae-idx-");
        try
        {
            var array = IdxArray.Create<short>([1, -1, 300], 3);
            var gzipNamedRaw = Path.Combine(dir.FullName, "plain-name");
            var rawNamedGz = Path.Combine(dir.FullName, "looks-compressed.gz");
            IdxWriter.Write(gzipNamedRaw, array, gzip: true);
            IdxWriter.Write(rawNamedGz, array, gzip: false);
            Assert.Equal(0x1F, File.ReadAllBytes(gzipNamedRaw)[0]);
            Assert.Equal(new short[] { 1, -1, 300 }, IdxReader.Read(gzipNamedRaw).AsSpan<short>().ToArray());
            Assert.Equal(new short[] { 1, -1, 300 }, IdxReader.Read(rawNamedGz).AsSpan<short>().ToArray());
            Assert.Equal("[3]", IdxReader.ReadHeader(gzipNamedRaw).ShapeText);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void AsSpanRejectsTheWrongElementType()
    {
        var array = IdxArray.Create<byte>([1, 2], 2);
        Assert.Throws<InvalidOperationException>(() => array.AsSpan<float>().Length);
    }

    internal static byte[] Encode(IdxArray array, bool gzip)
    {
        using var stream = new MemoryStream();
        if (gzip)
        {
            using var compressed = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true);
            IdxWriter.Write(compressed, array);
        }
        else
        {
            IdxWriter.Write(stream, array);
        }

        return stream.ToArray();
    }

    internal static IdxArray RandomArray(IdxType type, int[] dimensions, Random random)
    {
        var count = dimensions.Aggregate(1, (a, b) => a * b);
        var bytes = new byte[count * IdxTypes.SizeOf(type)];
        random.NextBytes(bytes);
        return type switch
        {
            IdxType.UnsignedByte => IdxArray.Create<byte>(bytes, dimensions),
            IdxType.SignedByte => IdxArray.Create<sbyte>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes), dimensions),
            IdxType.Int16 => IdxArray.Create<short>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(bytes), dimensions),
            IdxType.Int32 => IdxArray.Create<int>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes), dimensions),
            IdxType.Float32 => IdxArray.Create<float>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes), dimensions),
            _ => IdxArray.Create<double>(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes), dimensions),
        };
    }
}
