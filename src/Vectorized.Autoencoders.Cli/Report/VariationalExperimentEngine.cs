using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Cli.Progress;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// The real <see cref="IVariationalEngine"/>: the same model, streams, optimizer and batches as
/// <c>vecae train --model vae --latent Z --seed S</c>, so the report's numbers are that command's.
/// </summary>
public sealed class VariationalExperimentEngine(ImageSet train, ImageSet test, int threads, RandomStreams streams = RandomStreams.PyTorch) : IVariationalEngine
{
    public VariationalRun Run(int seed, int latent, int epochs, ProgressBar progress, CancellationToken cancellationToken)
    {
        var batch = ArticleReference.Variational.BatchSize;
        var model = Autoencoder.Create(AutoencoderOptions.Variational with { LatentSize = latent }, seed, streams);
        var testSamples = new ImageSetSource(test);
        var trainer = new Trainer(model, new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = batch,
            Seed = seed,
            Threads = threads,
            Streams = streams,
            Adam = TrainPresets.Adam("vae", batch),
            // The peer's test pass after every epoch draws from the generator that the next epoch goes on with.
            Validation = testSamples,
        });
        var samples = new ImageSetSource(train);
        var reporter = new TrainingProgressReporter(progress, batch);
        var history = new List<EpochResult>();
        ExperimentEpochs.Run(trainer, samples, reporter, epochs, $"vae latent {latent} seed {seed}", history, cancellationToken);

        // The last epoch's test pass: PyTorch's example evaluates with z drawn too.
        var evaluation = history[^1].Validation!;
        return new VariationalRun([.. history.Select(e => e.TrainLoss)], evaluation.Loss, evaluation.MeanCode, history.Sum(e => e.Seconds), model);
    }

    public (float[] Images, byte[] Labels) TestImages(int count)
    {
        count = Math.Min(count, test.Count);
        var images = new float[count * test.Features];
        test.CopyRange(0, count, images);
        return (images, test.Labels.Span[..count].ToArray());
    }
}
