using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Cli.Report;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Cli.Report;

public class AutoencoderExperimentEngineTests
{
    private static readonly ProgressBar s_quiet = new(TextWriter.Null, false, () => 0);

    [Fact]
    public void StandardContinuingTheShallowRunEqualsAFreshStandardRun()
    {
        using var tiny = new Vectorized.Autoencoders.Tests.Cli.TinyMnist();
        var data = MnistDataset.Load(tiny.Path);
        var shallowSpec = ArticleReference.Experiment("shallow");
        var standardSpec = ArticleReference.Experiment("standard");

        var shared = new AutoencoderExperimentEngine(data.Train, data.Test, threads: 2, figureCount: 5, standardEpochs: 4);
        var shallow = shared.Run(shallowSpec, seed: 3, epochs: 2, s_quiet, CancellationToken.None);
        var continued = shared.Run(standardSpec, seed: 3, epochs: 4, s_quiet, CancellationToken.None);

        var fresh = new AutoencoderExperimentEngine(data.Train, data.Test, threads: 1, figureCount: 5, standardEpochs: 4)
            .Run(standardSpec, seed: 3, epochs: 4, s_quiet, CancellationToken.None);

        Assert.Equal(2, shallow.TrainLoss.Length);
        Assert.Equal(shallow.TrainLoss, continued.TrainLoss[..2]);
        // Bit for bit, also across thread counts.
        Assert.Equal(fresh.TrainLoss, continued.TrainLoss);
        Assert.Equal(fresh.TestLoss, continued.TestLoss);
        Assert.Equal(fresh.Material.FirstLayerWeights, continued.Material.FirstLayerWeights);
        // The shallow figures were taken at epoch 2, before the standard run moved the weights on.
        Assert.NotEqual(shallow.Material.FirstLayerWeights, continued.Material.FirstLayerWeights);
    }

    [Fact]
    public void DenoisingFiguresShowANoisyInput()
    {
        using var tiny = new Vectorized.Autoencoders.Tests.Cli.TinyMnist();
        var data = MnistDataset.Load(tiny.Path);
        var engine = new AutoencoderExperimentEngine(data.Train, data.Test, threads: 1, figureCount: 3, standardEpochs: 1);
        var run = engine.Run(ArticleReference.Experiment("denoising"), seed: 1, epochs: 1, s_quiet, CancellationToken.None);
        Assert.NotNull(run.Material.Noisy);
        Assert.Equal(3 * 784, run.Material.Noisy!.Length);
        Assert.NotEqual(run.Material.Originals, run.Material.Noisy);
        Assert.All(run.Material.Noisy, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(24 * 32, run.Material.Codes.Length);
        Assert.True(double.IsFinite(run.TestLoss));
    }

    [Fact]
    public void TheConvolutionalDenoiserRunsOnTheDenseDenoisersNoisyDigits()
    {
        using var tiny = new Vectorized.Autoencoders.Tests.Cli.TinyMnist();
        var data = MnistDataset.Load(tiny.Path);
        // The default PyTorch streams: the conv models fall back to the engine's own, which they need.
        var engine = new AutoencoderExperimentEngine(data.Train, data.Test, threads: 2, figureCount: 3, standardEpochs: 1, Autoencoders.Randomness.RandomStreams.PyTorch);
        var dense = engine.Run(ArticleReference.Experiment("denoising"), seed: 2, epochs: 1, s_quiet, CancellationToken.None);
        var conv = engine.Run(ArticleReference.Experiment("conv-denoising"), seed: 2, epochs: 1, s_quiet, CancellationToken.None);
        Assert.Equal(dense.Material.Noisy, conv.Material.Noisy);
        Assert.Single(conv.TrainLoss);
        Assert.Equal(24 * 7 * 7 * 32, conv.Material.Codes.Length);
        Assert.Empty(conv.Material.FirstLayerWeights);
        Assert.InRange(conv.TestLoss, 0.05, 1.0);

        var small = engine.Run(ArticleReference.Experiment("conv"), seed: 2, epochs: 1, s_quiet, CancellationToken.None);
        Assert.Null(small.Material.Noisy);
        Assert.Equal(24 * 128, small.Material.Codes.Length);
    }
}
