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
            var scanOutcome = ScanOutcome(input);
            try
            {
                var file = SafetensorsFile.Read(input, "fuzz");
                foreach (var t in file.Tensors)
                {
                    Assert.Equal(t.ByteLength, file.GetBytes(t.Name).Length);
                }

                Assert.Equal($"ok {file.Tensors.Count}", scanOutcome);
                accepted++;
            }
            catch (FileFormatException e)
            {
                Assert.Equal("fuzz", e.FilePath);
                Assert.DoesNotContain('\n', e.Message);

                // The low-memory scan used by inspect must reject exactly what the reader rejects, for the same reason.
                Assert.Equal(e.Reason, scanOutcome);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i}: {e.GetType().Name} escaped for input {Convert.ToHexString(input[..Math.Min(96, input.Length)])}: {e}");
            }
        }

        Assert.InRange(accepted, 1, cases / 2);
    }

    [Fact]
    public void ScanFindsADuplicateAmongThousandsOfTensors()
    {
        var tensors = Enumerable.Range(0, 5000).Select(i => NamedTensor.FromBytes($"t{i}", SafetensorsDType.U8, new byte[] { (byte)i }, 1)).ToList();
        var bytes = SafetensorsWriter.ToBytes(tensors);
        Assert.Equal("ok 5000", ScanOutcome(bytes));

        // Rename the last tensor to the name of another (same length, so the file stays well-formed otherwise); Latin-1 maps bytes 1:1.
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var renamed = System.Text.Encoding.Latin1.GetBytes(text.Replace("\"t4999\"", "\"t1234\"", StringComparison.Ordinal));
        Assert.Equal("duplicate tensor name 't1234'", ScanOutcome(renamed));
        Assert.Equal("duplicate tensor name 't1234'", Assert.Throws<FileFormatException>(() => SafetensorsFile.Read(renamed, "fuzz")).Reason);
    }

    private static string ScanOutcome(byte[] input)
    {
        try
        {
            using var stream = new MemoryStream(input, writable: false);
            var scan = SafetensorsFile.Scan(stream, "fuzz");
            var listed = 0;
            scan.ForEachTensor(_ => listed++);
            Assert.Equal(scan.TensorCount, listed);
            return $"ok {scan.TensorCount}";
        }
        catch (FileFormatException e)
        {
            return e.Reason;
        }
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
