using System.Text;
using FsCheck.Xunit;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Tests.Imaging;

namespace Vectorized.Autoencoders.Tests.Data;

public class Crc32Tests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("a", 0xE8B7BE43u)]
    [InlineData("123456789", 0xCBF43926u)] // the standard check value of CRC-32/ISO-HDLC
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    [InlineData("IEND", 0xAE426082u)] // the CRC every PNG ends with
    public void KnownValues(string text, uint expected)
    {
        Assert.Equal(expected, Crc32.Compute(Encoding.ASCII.GetBytes(text)));
    }

    [Property]
    public bool MatchesBitwiseReference(byte[] data) => Crc32.Compute(data) == PngDecoder.ReferenceCrc(data);

    [Property]
    public bool AppendingInPiecesEqualsOneShot(byte[] data, byte split)
    {
        var cut = data.Length == 0 ? 0 : split % (data.Length + 1);
        var state = Crc32.Append(Crc32.Append(Crc32.Start, data.AsSpan(0, cut)), data.AsSpan(cut));
        return Crc32.Finish(state) == Crc32.Compute(data);
    }
}
