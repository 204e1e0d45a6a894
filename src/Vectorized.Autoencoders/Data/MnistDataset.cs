namespace Vectorized.Autoencoders.Data;

/// <summary>
/// A train and a test <see cref="ImageSet"/> read from a folder in the MNIST layout. Any data set
/// in that layout loads (Fashion-MNIST, other image sizes), not only MNIST itself.
/// </summary>
public sealed class MnistDataset
{
    public const string TrainImagesFile = "train-images-idx3-ubyte";
    public const string TrainLabelsFile = "train-labels-idx1-ubyte";
    public const string TestImagesFile = "t10k-images-idx3-ubyte";
    public const string TestLabelsFile = "t10k-labels-idx1-ubyte";

    public MnistDataset(ImageSet train, ImageSet test)
    {
        Train = train;
        Test = test;
    }

    public ImageSet Train { get; }

    public ImageSet Test { get; }

    /// <summary>
    /// Loads the four files from <paramref name="directory"/>, each raw or with a <c>.gz</c> suffix.
    /// A missing folder or file, a malformed file, or counts that disagree throw <see cref="FileFormatException"/>.
    /// </summary>
    public static MnistDataset Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new FileFormatException(directory, File.Exists(directory) ? "is a file, not a folder of MNIST files" : "no such folder (run tools/fetch-mnist.sh to get MNIST)");
        }

        var trainImages = Find(directory, TrainImagesFile);
        var trainLabels = Find(directory, TrainLabelsFile);
        var testImages = Find(directory, TestImagesFile);
        var testLabels = Find(directory, TestLabelsFile);

        var train = ImageSet.Load(trainImages, trainLabels);
        var test = ImageSet.Load(testImages, testLabels);
        if (train.Height != test.Height || train.Width != test.Width)
        {
            throw new FileFormatException(testImages, $"holds {test.Height}x{test.Width} images but the training images are {train.Height}x{train.Width}");
        }

        return new MnistDataset(train, test);
    }

    /// <summary>The raw file if present, else its <c>.gz</c> form.</summary>
    private static string Find(string directory, string name)
    {
        var raw = Path.Combine(directory, name);
        if (File.Exists(raw))
        {
            return raw;
        }

        var gzip = raw + ".gz";
        if (File.Exists(gzip))
        {
            return gzip;
        }

        throw new FileFormatException(raw, "missing (neither it nor its .gz form exists; run tools/fetch-mnist.sh)");
    }
}
