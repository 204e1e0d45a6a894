using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>Loads the MNIST-layout folder for train/eval/encode; a missing or malformed file is a one-line error.</summary>
internal static class TrainData
{
    public const string DefaultDirectory = "data/mnist";

    public static MnistDataset LoadDataset(string directory)
    {
        try
        {
            return MnistDataset.Load(directory);
        }
        catch (FileFormatException e)
        {
            throw new CliException(e.Message);
        }
    }

    public static (ISampleSource Train, ISampleSource Test) Load(string directory)
    {
        var dataset = LoadDataset(directory);
        return (new ImageSetSource(dataset.Train), new ImageSetSource(dataset.Test));
    }

    public static ISampleSource LoadTest(string directory) => Load(directory).Test;
}
