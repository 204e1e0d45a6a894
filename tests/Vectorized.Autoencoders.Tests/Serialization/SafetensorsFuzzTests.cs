using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;
using Vectorized.Autoencoders.Tests.Data;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary>Thousands of randomly damaged safetensors files: the reader returns or throws FileFormatException, nothing else.</summary>
public class SafetensorsFuzzTests
{
    [Fact]
    public void DamagedFilesOnlyEverThrowFileFormatException()
    {
        var random = new Random(20260402);
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["arch"] = """{"layers":[784,128,32],"activation":"relu"}""", ["epoch"] = "3" };
        byte[][] seeds =
        [
            SafetensorsWriter.ToBytes(
            [
                NamedTensor.Float32("encoder.0.weight", Enumerable.Range(0, 12).Select(i => i * 0.5f).ToArray(), 4, 3),
                NamedTensor.Float32("encoder.0.bias", new float[] { 1, 2, 3, 4 }, 4),
                NamedTensor.FromBytes("step", SafetensorsDType.I64, BitConverter.GetBytes(1875L)),
                NamedTensor.FromBytes("mask", SafetensorsDType.BOOL, new byte[] { 1, 0, 1 }, 3),
            ], metadata),
            SafetensorsWriter.ToBytes([]),
            SafetensorsWriter.ToBytes([NamedTensor.FromBytes("h", SafetensorsDType.F16, new byte[8], 2, 2)], metadata),
        ];

        var accepted = 0;
        var cases = Mutator.Cases(4000);
        for (var i = 0; i < cases; i++)
        {
            var input = Mutator.Mutate(seeds[i % seeds.Length], random);
            try
            {
                var file = SafetensorsFile.Read(input, "fuzz");
                foreach (var t in file.Tensors)
                {
                    Assert.Equal(t.ByteLength, file.GetBytes(t.Name).Length);
                }

                accepted++;
            }
            catch (FileFormatException e)
            {
                Assert.Equal("fuzz", e.FilePath);
                Assert.DoesNotContain('\n', e.Message);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name} escaped for input {Convert.ToHexString(input[..Math.Min(96, input.Length)])}: {e}");
            }
        }

        Assert.InRange(accepted, 1, cases / 2);
    }

    [Fact]
    public void LyingHeaderLengthFailsBeforeAllocating()
    {
        // 16 bytes whose prefix claims a 99 MB header: rejected from the file length alone.
        byte[] input = [0xC0, 0xE1, 0xE4, 0x05, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<FileFormatException>(() => SafetensorsFile.Read(input, "lie"));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("runs past the end of the file", e.Reason);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }
}
