namespace Vectorized.Autoencoders.Tests.Data;

/// <summary>tests/Corpus/manifest.txt: each malformed file and a substring its error reason must contain.</summary>
internal static class CorpusManifest
{
    /// <summary>Entries whose path starts with <paramref name="folder"/>, as xunit theory rows (relative path, expected reason).</summary>
    public static TheoryData<string, string> Entries(string folder)
    {
        var rows = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(RepositoryPaths.Corpus, "manifest.txt")))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            var file = line[..tab];
            if (file.StartsWith(folder + "/", StringComparison.Ordinal))
            {
                rows.Add(file, line[(tab + 1)..]);
            }
        }

        return rows;
    }

    public static string PathOf(string relative) => Path.Combine(RepositoryPaths.Corpus, relative);
}
