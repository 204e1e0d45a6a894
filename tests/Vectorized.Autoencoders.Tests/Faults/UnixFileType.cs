namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>The type of a path itself (a symlink not followed), read with <c>stat -c %F</c>: an independent check of the library's.</summary>
internal static class UnixFileType
{
    public const string CharacterDevice = "character special file";
    public const string SymbolicLink = "symbolic link";
    public const string RegularFile = "regular file";

    public static string Of(string path)
    {
        var (code, stdout, err) = ChildProcess.Run("stat", "-c", "%F", path);
        Assert.True(code == 0, $"stat {path}: {err}");
        return stdout.Trim();
    }
}
