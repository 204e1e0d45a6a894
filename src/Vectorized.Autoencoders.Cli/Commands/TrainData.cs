using System.Buffers.Binary;
using Vectorized.Autoencoders.Training;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// Loads the MNIST-layout folder for train/eval/encode as <see cref="ISampleSource"/>s.
/// Interim reader of the raw u8 IDX files until the data layer's MnistDataset is on main.
/// </summary>
internal static class TrainData
{
    public const string DefaultDirectory = "data/mnist";

    public static (ISampleSource Train, ISampleSource Test) Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new CliException($"{directory}: no such folder (run tools/fetch-mnist.sh to get MNIST)");
        }

        return (Images(Path.Combine(directory, "train-images-idx3-ubyte")), Images(Path.Combine(directory, "t10k-images-idx3-ubyte")));
    }

    public static ISampleSource LoadTest(string directory) => Load(directory).Test;

    private static ISampleSource Images(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found (run tools/fetch-mnist.sh)");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08 || bytes[3] != 3)
        {
            throw new CliException($"{path}: not an IDX file of u8 images [count, height, width]");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        var features = (long)BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) * BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(12));
        if (count < 0 || features <= 0 || 16 + count * features != bytes.Length)
        {
            throw new CliException($"{path}: the header's sizes do not match the file's length");
        }

        var data = new float[bytes.Length - 16];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = bytes[16 + i] / 255f;
        }

        return new FloatSamples(data, (int)features);
    }
}
