using System.Text.Json;

namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>Finds files of the repository from wherever the test runner put the test assembly.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding Vectorized.Autoencoders.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>data/mnist under the root: where tools/fetch-mnist.sh (and so CI) puts MNIST.</summary>
    public static string Mnist => Path.Combine(Root, "data", "mnist");

    /// <summary>tests/Corpus under the root: the committed malformed files.</summary>
    public static string Corpus => Path.Combine(Root, "tests", "Corpus");

    /// <summary>tests/Golden under the root: committed values from reference implementations (e.g. PyTorch).</summary>
    public static string Golden => Path.Combine(Root, "tests", "Golden");

    /// <summary>The root element of tests/Golden/<paramref name="name"/>, a JSON file a tools/ script wrote.</summary>
    public static JsonElement GoldenJson(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Golden, name))).RootElement;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vectorized.Autoencoders.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Vectorized.Autoencoders.sln above {AppContext.BaseDirectory}");
    }
}
