using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary>A throw-away folder in MNIST's layout with a few synthetic 28x28 digits, so command tests run in a second without the real data.</summary>
internal sealed class TinyMnist : IDisposable
{
    public TinyMnist(int train = 96, int test = 24)
    {
        Directory.CreateDirectory(Path);
        Write(MnistDataset.TrainImagesFile, MnistDataset.TrainLabelsFile, train, seed: 1);
        Write(MnistDataset.TestImagesFile, MnistDataset.TestLabelsFile, test, seed: 2);
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vecae-tiny-mnist-{Guid.NewGuid():N}");

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void Write(string imagesFile, string labelsFile, int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[count * 784];
        var labels = new byte[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
            // A bright block whose place depends on the label: something an autoencoder can learn.
            var row = 4 + labels[i] * 2;
            for (var y = row; y < row + 6; y++)
            {
                for (var x = 6; x < 22; x++)
                {
                    pixels[i * 784 + y * 28 + x] = (byte)random.Next(180, 256);
                }
            }
        }

        IdxWriter.Write(System.IO.Path.Combine(Path, imagesFile), IdxArray.Create<byte>(pixels, count, 28, 28));
        IdxWriter.Write(System.IO.Path.Combine(Path, labelsFile), IdxArray.Create<byte>(labels, count));
    }
}
