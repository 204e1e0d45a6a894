using System.IO.Compression;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>Thousands of randomly damaged IDX files (raw and gzip): the reader returns or throws FileFormatException, nothing else.</summary>
public class IdxFuzzTests
{
    [Fact]
    public void DamagedFilesOnlyEverThrowFileFormatException()
    {
        var random = new Random(20260401);
        byte[][] seeds =
        [
            IdxRoundTripTests.Encode(IdxArray.Create<byte>(Enumerable.Range(0, 2 * 3 * 4).Select(i => (byte)i).ToArray(), 2, 3, 4), gzip: false),
            IdxRoundTripTests.Encode(IdxArray.Create<float>([1.5f, -2, float.NaN], 3), gzip: false),
            IdxRoundTripTests.Encode(IdxArray.Create<double>([1, 2, 3, 4], 2, 2), gzip: false),
            IdxRoundTripTests.Encode(IdxArray.Create<short>([1, 2, 3, 4, 5, 6], 3, 1, 2), gzip: true),
            IdxRoundTripTests.Encode(IdxArray.Create<byte>(new byte[100], 10, 10), gzip: true),
        ];

        var accepted = 0;
        var cases = Mutator.Cases(3000);
        for (var i = 0; i < cases; i++)
        {
            var input = Mutator.Mutate(seeds[i % seeds.Length], random);
            try
            {
                var array = IdxReader.Read(input, "fuzz");
                Assert.Equal(array.Count * IdxTypes.SizeOf(array.Type), array.Bytes.Length);
                accepted++;
            }
            catch (FileFormatException e)
            {
                Assert.Equal("fuzz", e.FilePath);
                Assert.DoesNotContain('\n', e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name} escaped for input {Convert.ToHexString(input[..Math.Min(64, input.Length)])}: {e}");
            }
        }

        // Most damage must be caught; a reader that accepted everything would pass the loop above.
        Assert.InRange(accepted, 1, cases / 2);
    }

    [Fact]
    public void GzipLieCostsOnlyTheBytesPresent()
    {
        // A gzip stream whose header claims 2 GB holds 1 KB: the reader fails after growing to about 64 KiB, not 2 GB.
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write([0, 0, 8, 1, 0x7F, 0xFF, 0xFF, 0x00]);
            gzip.Write(new byte[1024]);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<FileFormatException>(() => IdxReader.Read(stream.ToArray(), "lie.gz"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("the decompressed data holds 1024", e.Reason);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void RawLieFailsBeforeAllocating()
    {
        // 16 bytes claiming 10^12 elements: rejected from the header and the file length alone.
        var path = Path.Combine(Path.GetTempPath(), $"vecae-lie-{Guid.NewGuid():N}.idx");
        File.WriteAllBytes(path, [0, 0, 8, 2, 0, 0x0F, 0x42, 0x40, 0, 0x0F, 0x42, 0x40, 1, 2, 3, 4]);
        try
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var e = Assert.Throws<FileFormatException>(() => IdxReader.Read(path));
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Contains("1000000000000 data bytes, the file holds 4", e.Reason);
            Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
