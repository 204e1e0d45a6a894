using System.Globalization;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Serialization.Npy;
using Vectorized.Autoencoders.Tests.Cli;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Serialization.Npy;

/// <summary>NumPy reads what vecae writes (codes.npy, scores.npy) and vecae reads what NumPy writes.</summary>
public sealed class NumpyInteropTests : IDisposable
{
    private readonly TinyMnist _data = new(train: 40, test: 12);
    private readonly string _root = Directory.CreateTempSubdirectory("vecae-numpy-").FullName;

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void NumpyLoadsCodesAndScoresWithTheValuesVecaeComputed()
    {
        var modelPath = Path.Combine(_root, "model.safetensors");
        var model = Autoencoder.Create(AutoencoderOptions.Shallow, seed: 3);
        model.Save(modelPath);
        var codes = Path.Combine(_root, "codes.npy");
        var scores = Path.Combine(_root, "scores.npy");
        Assert.Equal(0, Run("encode", "--model", modelPath, "--data", _data.Path, "--out", codes, "--threads", "1").Code);
        Assert.Equal(0, Run("score", "--model", modelPath, "--data", _data.Path, "--out", scores, "--threads", "1").Code);

        // Python prints shape, dtype and every value with repr (exact for float32 through float64).
        var output = DebianPython.Run(
            "import sys, numpy as np\nfor p in sys.argv[1:]:\n    a = np.load(p)\n    print(a.dtype, a.shape, ' '.join(repr(float(v)) for v in a.ravel()))",
            codes, scores).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, output.Length);
        AssertPrinted(output[0], "float32 (12, 32)", NpyReader.Read(codes).AsSpan<float>().ToArray());
        AssertPrinted(output[1], "float32 (12,)", NpyReader.Read(scores).AsSpan<float>().ToArray());
    }

    [Fact]
    public void VecaeReadsWhatNumpyWrites()
    {
        var v1 = Path.Combine(_root, "v1.npy");
        var v2 = Path.Combine(_root, "v2.npy");
        var u8 = Path.Combine(_root, "u8.npy");
        var fortran = Path.Combine(_root, "fortran.npy");
        DebianPython.Run(
            "import sys, numpy as np\n" +
            "x = (np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 7).astype(np.float32)\n" +
            "np.save(sys.argv[1], x)\n" +
            "with open(sys.argv[2], 'wb') as f: np.lib.format.write_array(f, x, version=(2, 0))\n" +
            "np.save(sys.argv[3], np.arange(10, dtype=np.uint8).reshape(5, 2))\n" +
            "np.save(sys.argv[4], np.asfortranarray(x[0]))\n",
            v1, v2, u8, fortran);
        var expected = Enumerable.Range(0, 24).Select(i => i / 7f).ToArray();
        Assert.Equal(expected, NpyReader.Read(v1).AsSpan<float>().ToArray());
        Assert.Equal([2, 3, 4], NpyReader.Read(v1).Shape);
        Assert.Equal(2, NpyReader.ReadHeader(v2).MajorVersion);
        Assert.Equal(expected, NpyReader.Read(v2).AsSpan<float>().ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (byte)i).ToArray(), NpyReader.Read(u8).AsSpan<byte>().ToArray());
        AssertUsageError("Fortran order", "inspect", fortran);
    }

    private static void AssertPrinted(string line, string header, float[] values)
    {
        Assert.StartsWith(header + " ", line);
        var printed = line[(header.Length + 1)..].Split(' ').Select(t => (float)double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(values, printed);
        Assert.Contains(values, v => v != 0f);
    }
}
