using System.IO.Pipes;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Tests.Imaging;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary>
/// Every command that reads a file, given a FIFO or a pipe (what <c>/dev/stdin</c> and
/// <c>&lt;(cat file)</c> are): one line <c>error: PATH: not a regular file</c>, exit code 2,
/// before a byte is read. The readers check every size against the file's length, which a
/// stream does not have.
/// </summary>
public sealed class NotRegularFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vecae-fifo-").FullName;
    private readonly TinyMnist _mnist = new();
    private readonly List<IDisposable> _writers = [];

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }

        _mnist.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    public static TheoryData<string> Commands => new(CommandLines.Keys);

    // {0} is the FIFO, {1} the tiny MNIST folder, {2} a scratch folder.
    private static readonly Dictionary<string, string[]> CommandLines = new()
    {
        ["inspect"] = ["inspect", "{0}"],
        ["eval --model"] = ["eval", "--model", "{0}", "--data", "{1}"],
        ["encode --model"] = ["encode", "--model", "{0}", "--data", "{1}", "--out", "{2}/codes.idx"],
        ["tsne --input"] = ["tsne", "--input", "{0}"],
        ["tsne --model"] = ["tsne", "--model", "{0}", "--data", "{1}"],
        ["train --resume"] = ["train", "--resume", "{0}", "--data", "{1}", "--epochs", "1", "--out", "{2}/run"],
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void AFifoIsRefusedInOneLine(string name)
    {
        var fifo = Fifo(Path.Combine(_dir, "input"));
        var args = CommandLines[name].Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, fifo, _mnist.Path, _dir)).ToArray();
        AssertRefused(fifo, args);
    }

    [Fact]
    public void AFifoAmongTheMnistFilesIsRefused()
    {
        var data = Path.Combine(_dir, "mnist");
        Directory.CreateDirectory(data);
        foreach (var file in Directory.GetFiles(_mnist.Path))
        {
            File.Copy(file, Path.Combine(data, Path.GetFileName(file)));
        }

        var images = Path.Combine(data, MnistDataset.TestImagesFile);
        File.Delete(images);
        Fifo(images);
        AssertRefused(images, "train", "--data", data, "--epochs", "1", "--out", Path.Combine(_dir, "run"));
    }

    [Fact]
    public void TsneLabelsFromAFifoAreRefused()
    {
        var x = Path.Combine(_dir, "x.idx");
        IdxWriter.Write(x, IdxArray.Create<float>(new float[20 * 3], 20, 3));
        var fifo = Fifo(Path.Combine(_dir, "labels"));
        AssertRefused(fifo, "tsne", "--input", x, "--labels", fifo);
    }

    /// <summary>What <c>inspect &lt;(cat model.safetensors)</c> and <c>eval --model /dev/stdin</c> from a pipe open: the read end of a pipe.</summary>
    [Theory]
    [InlineData("inspect")]
    [InlineData("eval")]
    public void AnAnonymousPipeIsRefused(string command)
    {
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        pipe.Write(new byte[64]);
        var path = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        string[] args = command == "inspect" ? ["inspect", path] : ["eval", "--model", path, "--data", _mnist.Path];
        AssertRefused(path, args);
    }

    private static void AssertRefused(string path, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Equal($"error: {path}: not a regular file", err.TrimEnd());
    }

    /// <summary>
    /// A FIFO with bytes waiting in it, held open by this test for reading and writing (which
    /// Linux allows without a peer), so the command's open does not wait for a writer.
    /// </summary>
    private string Fifo(string path)
    {
        var (code, output) = ExternalTool.Run("mkfifo", path);
        Assert.True(code == 0, output);
        var holder = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        holder.Write(new byte[64]);
        _writers.Add(holder);
        return path;
    }
}
