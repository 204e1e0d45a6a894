using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Imaging;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Plotting;
using Vectorized.Autoencoders.Tests.Imaging;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary><c>vecae manifold</c> end to end: a tiny latent-2 VAE trained in the test, its two figures, and the models it refuses.</summary>
public sealed class ManifoldCommandTests : IDisposable
{
    private readonly TinyMnist _data = new();
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"vecae-manifold-{Guid.NewGuid():N}");

    public void Dispose()
    {
        _data.Dispose();
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private string Train(string name, params string[] flags)
    {
        var dir = Path.Combine(_out, name);
        var (code, _, err) = Run(["train", "--epochs", "1", "--threads", "2", "--data", _data.Path, "--out", dir, "--quiet", .. flags]);
        Assert.True(code == 0, err);
        return Path.Combine(dir, "model.safetensors");
    }

    [Fact]
    public void DrawsTheGridOfDecodedQuantilesAndTheScatterOfLatentMeans()
    {
        var model = Train("vae2", "--model", "vae", "--layers", "784,32", "--latent", "2");
        var dir = Path.Combine(_out, "figures");
        var (code, stdout, err) = Run("manifold", "--model", model, "--out", dir, "--data", _data.Path, "--threads", "2");
        Assert.True(code == 0, err);
        var manifoldPath = Path.Combine(dir, "manifold.png");
        var meansPath = Path.Combine(dir, "latent-means.png");
        Assert.Equal([manifoldPath, meansPath], stdout.Trim().Split('\n'));

        // 15 x 15 touching digits of 28 x 28 pixels, each pixel a 2 x 2 block.
        var grid = PngDecoder.Decode(File.ReadAllBytes(manifoldPath));
        Assert.Equal((15 * 28 * 2, 15 * 28 * 2, 1), (grid.Width, grid.Height, grid.Channels));

        // The top-left cell is the digit at z = (ppf(0.05), ppf(0.95)), the bottom-right one at (ppf(0.95), ppf(0.05))
        // (the quantiles from Python's statistics.NormalDist).
        var vae = Autoencoder.Load(model);
        const float q05 = -1.6448536269514726f, q95 = 1.6448536269514715f;
        var corners = new float[2 * 784];
        vae.Decode([q05, q95, q95, q05], 2, corners);
        for (var p = 0; p < 784; p++)
        {
            int y = p / 28, x = p % 28;
            Assert.Equal(DigitGrid.ToByte(corners[p]), grid.Row(2 * y)[2 * x]);
            Assert.Equal(DigitGrid.ToByte(corners[784 + p]), grid.Row((14 * 56) + (2 * y) + 1)[(14 * 56) + (2 * x) + 1]);
        }

        var scatter = PngDecoder.Decode(File.ReadAllBytes(meansPath));
        Assert.Equal((900, 720, 3), (scatter.Width, scatter.Height, scatter.Channels));
        // Every digit's colour is drawn: the labels reached the plot.
        var colours = new HashSet<Rgb>();
        for (var y = 0; y < scatter.Height; y++)
        {
            var row = scatter.Row(y);
            for (var x = 0; x < scatter.Width; x++)
            {
                colours.Add(new Rgb(row[3 * x], row[(3 * x) + 1], row[(3 * x) + 2]));
            }
        }

        Assert.All(Enumerable.Range(0, 10), d => Assert.Contains(Palette.Color(d), colours));
    }

    [Fact]
    public void OtherLatentSizesAndOtherModelsAreOneLineErrors()
    {
        var vae20 = Train("vae20", "--model", "vae", "--layers", "784,16", "--latent", "20");
        var refused = Path.Combine(_out, "refused");
        AssertUsageError("needs a latent size of 2, the model's is 20", "manifold", "--model", vae20, "--out", refused, "--data", _data.Path);
        Assert.False(Directory.Exists(refused));
        var dense = Train("dense", "--model", "shallow");
        AssertUsageError("manifold needs a variational model", "manifold", "--model", dense, "--out", refused, "--data", _data.Path);
        AssertUsageError("--out DIR is required", "manifold", "--model", vae20);
    }

    [Theory]
    [InlineData(0.05, -1.6448536269514726)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.95, 1.6448536269514715)]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.3, -0.5244005127080407)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(1e-10, -6.361340902404056)]
    public void TheGridsQuantilesAreTheNormalDistributionsToDoublePrecision(double p, double expected) =>
        Assert.Equal(expected, NormalQuantile.Of(p), 1e-12);

    [Fact]
    public void TheGridRunsFromTheFifthToTheNinetyFifthPercentileSymmetrically()
    {
        var q = VariationalFigures.GridPoints(15);
        Assert.Equal(-1.6448536269514726, q[0], 1e-12);
        Assert.Equal(0.0, q[7], 1e-12);
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(-q[14 - i], q[i], 1e-12);
        }
    }
}
