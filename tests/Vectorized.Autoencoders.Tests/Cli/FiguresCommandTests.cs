using System.Xml.Linq;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Tests.Imaging;

namespace Vectorized.Autoencoders.Tests.Cli;

public class FiguresCommandTests
{
    [Fact]
    public void HelpListsTheFiguresItDraws()
    {
        var (code, output, _) = CommandRunner.Run("figures", "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: vecae figures --model FILE --out DIR", output);
        Assert.Contains("reconstructions.png", output);
    }

    [Theory]
    [InlineData("--model FILE is required", "figures", "--out", "x")]
    [InlineData("--out DIR is required", "figures", "--model", "m.safetensors")]
    [InlineData("/nonexistent/m.safetensors: file not found", "figures", "--model", "/nonexistent/m.safetensors", "--out", "x")]
    [InlineData("--count must be between 1 and 20", "figures", "--count", "0")]
    [InlineData("--noise expects a number", "figures", "--noise", "lots")]
    [InlineData("unknown flag --colour", "figures", "--colour", "red")]
    public void BadFlagsAreOneLineErrors(string fragment, params string[] args) => CommandRunner.AssertUsageError(fragment, args);

    [Fact]
    public void ARunFolderGivenAsModelNamesTheModelFileInIt()
    {
        var directory = Directory.CreateTempSubdirectory("vecae-run-").FullName;
        try
        {
            var (code, _, err) = CommandRunner.Run("eval", "--model", directory);
            Assert.Equal(2, code);
            Assert.Equal($"error: {directory}: is a folder, not a file", err.TrimEnd());
            var model = Path.Combine(directory, "model.safetensors");
            Autoencoder.Create(AutoencoderOptions.Shallow, seed: 1).Save(model);
            CommandRunner.AssertUsageError($"{directory}: is a folder, not a file (its model is {model})", "eval", "--model", directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void MalformedModelFileIsOneLineError()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [1, 2, 3]);
            CommandRunner.AssertUsageError(path, "figures", "--model", path, "--out", Path.GetTempPath());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DrawsEveryFigureOfAModel()
    {
        using var data = new TinyMnist();
        var directory = Path.Combine(Path.GetTempPath(), $"vecae-figures-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var model = Path.Combine(directory, "shallow.safetensors");
            Autoencoder.Create(AutoencoderOptions.Shallow, seed: 1).Save(model);
            var output = Path.Combine(directory, "figures");
            var (code, stdout, stderr) = CommandRunner.Run("figures", "--model", model, "--out", output, "--data", data.Path, "--noise", "0.4", "--first", "20", "--count", "4");
            Assert.True(code == 0, stderr);
            var written = stdout.TrimEnd().Split('\n').Select(p => Path.GetFileName(p)!).ToArray();
            Assert.Equal(["reconstructions.png", "denoising.png", "filters.png", "code-density.svg"], written);

            var reconstructions = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(output, "reconstructions.png")));
            var denoising = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(output, "denoising.png")));
            Assert.True(denoising.Height > reconstructions.Height, "three rows are taller than two");
            foreach (var png in new[] { "reconstructions.png", "denoising.png", "filters.png" })
            {
                var (check, log) = ExternalTool.Run("pngcheck", Path.Combine(output, png));
                Assert.True(check == 0, log);
            }

            var svg = XDocument.Load(Path.Combine(output, "code-density.svg"));
            Assert.Contains("shallow", svg.Root!.Element(XName.Get("title", "http://www.w3.org/2000/svg"))!.Value);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
