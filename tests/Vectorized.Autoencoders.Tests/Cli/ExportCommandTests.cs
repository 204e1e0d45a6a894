using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Onnx;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary><c>vecae export</c>'s flags and errors; the files themselves are checked by ONNX Runtime in the OnnxTests project.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vecae-export-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("full", OnnxPart.Full)]
    [InlineData("encoder", OnnxPart.Encoder)]
    [InlineData("decoder", OnnxPart.Decoder)]
    public void WritesTheLibrarysBytesForEachPart(string name, OnnxPart part)
    {
        var model = Autoencoder.Create(AutoencoderOptions.Deep, seed: 1);
        var modelPath = Path.Combine(_root, "m.safetensors");
        model.Save(modelPath);
        var output = Path.Combine(_root, name + ".onnx");
        Assert.Equal(0, Run("export", "--model", modelPath, "--out", output, "--part", name).Code);
        Assert.Equal(OnnxExport.ToBytes(model, part), File.ReadAllBytes(output));
    }

    [Fact]
    public void MistakesAreOneLineErrors()
    {
        var modelPath = Path.Combine(_root, "m.safetensors");
        Autoencoder.Create(AutoencoderOptions.Shallow, seed: 1).Save(modelPath);
        AssertUsageError("--out FILE is required", "export", "--model", modelPath);
        AssertUsageError("--part must be full, encoder or decoder", "export", "--model", modelPath, "--out", "x.onnx", "--part", "middle");
        AssertUsageError("--model FILE is required", "export", "--out", "x.onnx");
        AssertUsageError("cannot write", "export", "--model", modelPath, "--out", Path.Combine(_root, "no-such-folder", "x.onnx"));
    }
}
