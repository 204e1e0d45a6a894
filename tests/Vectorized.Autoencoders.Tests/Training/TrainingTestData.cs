using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Tests.Training;

internal static class TrainingTestData
{
    /// <summary>Random "images" in [0, 1] with some exact zeros and ones, like MNIST's pixels.</summary>
    public static float[] Images(int count, int size, int seed)
    {
        var rng = new Xoshiro256((ulong)seed);
        var data = new float[count * size];
        for (var i = 0; i < data.Length; i++)
        {
            var u = rng.NextDouble();
            data[i] = u < 0.5 ? 0f : u > 0.9 ? 1f : (float)rng.NextDouble();
        }

        return data;
    }

    /// <summary>The repository's data/mnist, found by walking up to the solution file.</summary>
    public static string MnistDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vectorized.Autoencoders.sln")))
            {
                return Path.Combine(dir.FullName, "data", "mnist");
            }
        }

        throw new InvalidOperationException("Vectorized.Autoencoders.sln not found above the test binaries.");
    }

    public static byte[] Bits(Autoencoder model) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.ParameterSpan).ToArray();
}
