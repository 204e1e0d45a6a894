using Microsoft.ML.OnnxRuntime;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.OnnxTests;

/// <summary>The README's ONNX Runtime snippet is this test's body: it runs on an exported model, and the README must show it verbatim.</summary>
public class ReadmeOnnxExampleTests
{
    [Fact]
    public void OnnxRuntimeExampleRunsAndMatchesTheReadme()
    {
        using var folder = new TempFolder();
        var model = ExportedModels.Model("deep");
        var onnxFile = ExportedModels.Export(model, "deep", OnnxPart.Full, folder.Path);

        // README:begin
        using var session = new InferenceSession(onnxFile);  // written by vecae export
        var pixels = new float[2 * 784];                      // two images, values in [0, 1]
        using var input = OrtValue.CreateTensorValueFromMemory(pixels, [2, 784]);
        using var outputs = session.Run(new RunOptions(), ["input"], [input], ["reconstruction"]);
        ReadOnlySpan<float> reconstruction = outputs[0].GetTensorDataAsSpan<float>();  // [2, 784]
        // README:end

        var expected = new float[2 * 784];
        model.Predict(pixels, 2, expected, threads: 1);
        Assert.Equal(expected.Length, reconstruction.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - reconstruction[i]) <= 1e-5f, $"element {i}");
        }

        var source = File.ReadAllText(Path.Combine(Root(), "tests", "Vectorized.Autoencoders.OnnxTests", "ReadmeOnnxExampleTests.cs"));
        var readme = File.ReadAllText(Path.Combine(Root(), "README.md"));
        Assert.Contains(Region(source), readme, StringComparison.Ordinal);
    }

    // The lines between the markers, de-indented as they stand in the README.
    private static string Region(string source)
    {
        var lines = source.Split('\n');
        var begin = Array.FindIndex(lines, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(lines, l => l.Trim() == "// README:end");
        return string.Join('\n', lines[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.TrimStart()));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vectorized.Autoencoders.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Vectorized.Autoencoders.sln above {AppContext.BaseDirectory}");
    }
}
