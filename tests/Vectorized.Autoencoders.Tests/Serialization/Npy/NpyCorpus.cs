using Vectorized.Autoencoders.Tests.Data;

namespace Vectorized.Autoencoders.Tests.Serialization.Npy;

/// <summary>tests/Corpus/npy/manifest.txt (written by tests/Corpus/generate_npy.py): each malformed .npy file and a substring of its error reason.</summary>
internal static class NpyCorpus
{
    public static string Folder => Path.Combine(RepositoryPaths.Corpus, "npy");

    public static TheoryData<string, string> Entries()
    {
        var rows = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "manifest.txt")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            rows.Add(line[..tab], line[(tab + 1)..]);
        }

        return rows;
    }
}
