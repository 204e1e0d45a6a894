using System.Buffers.Binary;
using System.Text;
using Vectorized.Autoencoders.Serialization.Npy;

namespace Vectorized.Autoencoders.Tests.Serialization.Npy;

public class NpyRoundTripTests
{
    [Theory]
    [InlineData(new[] { 5 })]
    [InlineData(new[] { 3, 4 })]
    [InlineData(new[] { 2, 3, 4 })]
    [InlineData(new[] { 0, 7 })]
    public void Float32RoundTrips(int[] shape)
    {
        var count = shape.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, count).Select(i => (i * 0.37f) - 1e-3f).ToArray();
        values.AsSpan(0, Math.Min(2, count)).Fill(float.MaxValue);
        var path = Temp();
        try
        {
            NpyWriter.Write(path, values, shape);
            var array = NpyReader.Read(path);
            Assert.Equal(NpyDType.Float32, array.DType);
            Assert.Equal(shape, array.Shape);
            Assert.Equal(values, array.AsSpan<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void UInt8RoundTrips()
    {
        var values = Enumerable.Range(0, 2 * 28 * 28).Select(i => (byte)i).ToArray();
        var path = Temp();
        try
        {
            NpyWriter.Write(path, values, 2, 28, 28);
            var header = NpyReader.ReadHeader(path);
            Assert.Equal("|u1", header.Descriptor);
            Assert.Equal("(2, 28, 28)", header.ShapeText);
            Assert.Equal(values, NpyReader.Read(path).AsSpan<byte>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void HeaderIsNumPysVersionOneLayout()
    {
        var bytes = NpyWriter.ToBytes([1f, 2f, 3f], 3);
        Assert.Equal(NpyReader.Magic.ToArray(), bytes[..6]);
        Assert.Equal([1, 0], bytes[6..8]);
        var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        // Data aligned to 64 bytes, header ending in a newline: what numpy.save writes.
        Assert.Equal(0, (10 + length) % 64);
        var text = Encoding.ASCII.GetString(bytes, 10, length);
        Assert.Equal("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", text.TrimEnd());
        Assert.EndsWith("\n", text);
        Assert.Equal(10 + length + 12, bytes.Length);
    }

    [Fact]
    public void ReadsVersionTwoAndBigEndianAndDoubleQuotes()
    {
        var header = "{\"descr\": \">f4\", \"shape\": (2,), \"fortran_order\": False}   \n";
        var bytes = new List<byte>();
        bytes.AddRange(NpyReader.Magic.ToArray());
        bytes.AddRange([2, 0]);
        bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        var data = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(data, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(4), -2f);
        bytes.AddRange(data);
        var path = Temp();
        try
        {
            File.WriteAllBytes(path, bytes.ToArray());
            var array = NpyReader.Read(path);
            Assert.Equal([1.5f, -2f], array.AsSpan<float>().ToArray());
            Assert.Equal(2, NpyReader.ReadHeader(path).MajorVersion);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WriterRejectsShapesItCannotWrite()
    {
        Assert.Throws<ArgumentException>(() => NpyWriter.ToBytes([1f, 2f], 3));
        Assert.Throws<ArgumentException>(() => NpyWriter.ToBytes([1f], 1, 1, 1, 1));
        Assert.Throws<InvalidOperationException>(() => NpyReaderFloatAsBytes());
    }

    private static void NpyReaderFloatAsBytes()
    {
        var path = Temp();
        try
        {
            NpyWriter.Write(path, [1f], 1);
            _ = NpyReader.Read(path).AsSpan<byte>().Length;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), $"vecae-npy-{Guid.NewGuid():N}.npy");
}
