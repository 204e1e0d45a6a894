namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>What every fault must end as, and what it must leave behind.</summary>
internal static class FaultAssert
{
    /// <summary>Exit code 2 and exactly one stderr line <c>error: PATH: reason</c>.</summary>
    public static void OneErrorLine((int Code, string Out, string Err) result, string path, string reason)
    {
        var lines = result.Err.TrimEnd().Split('\n');
        Assert.True(result.Code == 2, $"exit code {result.Code}, stderr: {result.Err}");
        Assert.Single(lines);
        Assert.Equal($"error: {path}: {reason}", lines[0]);
    }

    /// <summary>The lock file a run takes in its output folder before it writes anything else.</summary>
    public static string LockFile(string folder) => Path.Combine(folder, ".vecae.lock");

    /// <summary>No temporary file of the atomic writer is left in <paramref name="folder"/>.</summary>
    public static void NoTemporaryFiles(string folder) =>
        Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));

    /// <summary>Every file of <paramref name="before"/> still has its exact bytes.</summary>
    public static void Unchanged(Dictionary<string, byte[]> before)
    {
        foreach (var (path, bytes) in before)
        {
            Assert.True(File.Exists(path), $"{path} is gone");
            Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{path} changed");
        }
    }

    public static Dictionary<string, byte[]> Snapshot(params string[] paths) => paths.ToDictionary(p => p, File.ReadAllBytes);
}
