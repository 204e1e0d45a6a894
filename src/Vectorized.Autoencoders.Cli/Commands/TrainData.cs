using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// Loads the data folder for train/eval/encode/score: MNIST's layout (four IDX files), or a folder
/// holding <see cref="NpyTrainFile"/> and <see cref="NpyTestFile"/> (uint8, or float32 in [0, 1]).
/// A missing or malformed file is a one-line error.
/// </summary>
internal static class TrainData
{
    public const string DefaultDirectory = "data/mnist";

    /// <summary>The training samples of a NumPy data folder: [count, features] or [count, height, width].</summary>
    public const string NpyTrainFile = "train.npy";

    /// <summary>The test samples of a NumPy data folder, with the training samples' size.</summary>
    public const string NpyTestFile = "test.npy";

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

    /// <summary>True when <paramref name="directory"/> holds train.npy (then it is read as a NumPy data folder).</summary>
    public static bool IsNpyFolder(string directory) => File.Exists(Path.Combine(directory, NpyTrainFile));

    /// <summary>The train and test samples of either kind of folder, each cut to its first <paramref name="limit"/> rows when limit is positive.</summary>
    public static (SampleMatrix Train, SampleMatrix Test) LoadMatrices(string directory, int limit = 0)
    {
        if (IsNpyFolder(directory))
        {
            var testPath = Path.Combine(directory, NpyTestFile);
            if (!File.Exists(testPath))
            {
                throw new CliException($"{testPath}: missing (a folder with {NpyTrainFile} needs {NpyTestFile} beside it)");
            }

            var train = SampleMatrix.Read(Path.Combine(directory, NpyTrainFile), unitRange: true);
            var test = SampleMatrix.Read(testPath, unitRange: true);
            if (test.Columns != train.Columns)
            {
                throw new CliException($"{testPath}: samples have {test.Columns} values, those of {NpyTrainFile} {train.Columns}");
            }

            return (train.Take(limit), test.Take(limit));
        }

        var dataset = LoadDataset(directory);
        return (SampleMatrix.FromImageSet(dataset.Train).Take(limit), SampleMatrix.FromImageSet(dataset.Test).Take(limit));
    }

    public static (ISampleSource Train, ISampleSource Test) Load(string directory)
    {
        var (train, test) = LoadMatrices(directory);
        return (train.Samples, test.Samples);
    }

    public static ISampleSource LoadTest(string directory) => Load(directory).Test;
}
