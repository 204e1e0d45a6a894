using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Serialization.Npy;
using Vectorized.Autoencoders.Tests.Imaging;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary><c>vecae score</c>: per-sample reconstruction errors, the worst listed and drawn.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly TinyMnist _mnist = new(train: 24, test: 30);
    private readonly string _root = Directory.CreateTempSubdirectory("vecae-score-").FullName;
    private readonly string _model;

    public ScoreCommandTests()
    {
        _model = Path.Combine(_root, "model.safetensors");
        Autoencoder.Create(AutoencoderOptions.Shallow, seed: 2).Save(_model);
    }

    public void Dispose()
    {
        _mnist.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("mse")]
    [InlineData("bce")]
    public void ScoresAreEachSamplesMeanError(string metric)
    {
        var output = Path.Combine(_root, $"scores-{metric}.npy");
        var (code, _, err) = Run("score", "--model", _model, "--data", _mnist.Path, "--out", output, "--metric", metric, "--threads", "1");
        Assert.True(code == 0, err);
        var scores = NpyReader.Read(output).AsSpan<float>().ToArray();

        // Oracle: the reconstructions from the library, the error summed here in double.
        var test = MnistDataset.Load(_mnist.Path).Test;
        var x = new float[test.Count * 784];
        test.CopyRange(0, test.Count, x);
        var y = Autoencoder.Load(_model).Predict(new ImageSetSource(test));
        Assert.Equal(test.Count, scores.Length);
        for (var i = 0; i < test.Count; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < 784; j++)
            {
                double t = x[i * 784 + j], p = y[i * 784 + j];
                sum += metric == "mse" ? (t - p) * (t - p) : -(t * Math.Log(Math.Clamp(p, 1e-7, 1 - 1e-7)) + (1 - t) * Math.Log(1 - Math.Clamp(p, 1e-7, 1 - 1e-7)));
            }

            Assert.Equal(sum / 784, scores[i], 1e-6);
        }
    }

    [Fact]
    public void TopListsTheWorstFirstAndFigureIsAValidPng()
    {
        var figure = Path.Combine(_root, "worst.png");
        var idx = Path.Combine(_root, "scores.idx");
        var (code, stdout, err) = Run("score", "--model", _model, "--data", _mnist.Path, "--out", idx, "--top", "5", "--figure", figure, "--threads", "1");
        Assert.True(code == 0, err);
        var scores = IdxReader.Read(idx).AsSpan<float>().ToArray();
        var worst = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(5).ToArray();
        var listed = stdout.Split('\n').Where(l => l.TrimStart().StartsWith('#')).Select(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2])).ToArray();
        Assert.Equal(worst, listed);
        var (pngCode, pngOutput) = ExternalTool.Run("pngcheck", figure);
        Assert.True(pngCode == 0, pngOutput);
    }

    [Fact]
    public void ScoresAnInputFileOfVectors()
    {
        var input = Path.Combine(_root, "x.npy");
        NpyWriter.Write(input, new byte[3 * 784], 3, 784);
        var output = Path.Combine(_root, "s.npy");
        Assert.Equal(0, Run("score", "--model", _model, "--input", input, "--out", output, "--threads", "1").Code);
        Assert.Equal([3], NpyReader.Read(output).Shape);
        AssertUsageError("--figure needs images", "score", "--model", _model, "--input", input, "--figure", Path.Combine(_root, "w.png"));
    }

    [Fact]
    public void MistakesAreOneLineErrors()
    {
        AssertUsageError("nothing to do", "score", "--model", _model, "--data", _mnist.Path);
        AssertUsageError("--metric must be mse or bce", "score", "--model", _model, "--metric", "mae", "--out", "x.npy");
        var wrong = Path.Combine(_root, "wrong.npy");
        NpyWriter.Write(wrong, new float[6], 2, 3);
        AssertUsageError("samples have 3 values", "score", "--model", _model, "--input", wrong, "--out", Path.Combine(_root, "s.npy"));
    }
}
