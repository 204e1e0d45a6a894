namespace Vectorized.Autoencoders.IO;

/// <summary>Turns the operating system's error for a write into the short reason users know from the shell.</summary>
internal static class WriteFailure
{
    /// <summary>The reason for errno <paramref name="errno"/>, as strerror words it.</summary>
    public static string Reason(int errno) => errno switch
    {
        1 or 13 => "permission denied",
        2 => "no such file or folder",
        5 => "input/output error",
        17 => "file exists",
        20 => "a part of the path is not a folder",
        21 => "is a folder",
        27 => "file too large",
        28 => "no space left on device",
        30 => "read-only file system",
        36 => "file name too long",
        40 => "too many levels of symbolic links",
        122 => "disk quota exceeded",
        _ => $"error {errno}",
    };

    /// <summary>The reason for an exception thrown by a .NET file API.</summary>
    public static string Reason(Exception e) => e switch
    {
        FileWriteException w => w.Reason,
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "file name too long",
        DirectoryNotFoundException => "no such folder",
        FileNotFoundException => "no such file or folder",
        // Unmapped errors carry errno as HResult on Unix (ENOSPC, EROFS, EDQUOT, ENOTDIR, ...).
        IOException io when io.HResult is > 0 and < 4096 => Reason(io.HResult),
        _ => WithoutPath(e.Message),
    };

    /// <summary>Wraps a file API's failure as <see cref="FileWriteException"/> naming <paramref name="path"/>.</summary>
    public static FileWriteException For(string path, Exception e) =>
        e as FileWriteException ?? new FileWriteException(path, Reason(e), e);

    // .NET appends " : 'PATH'" (or quotes the path inside); the caller names the path itself.
    private static string WithoutPath(string message)
    {
        var cut = message.IndexOf(" : '", StringComparison.Ordinal);
        var text = (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
        return text.Length == 0 ? "cannot write" : char.ToLowerInvariant(text[0]) + text[1..];
    }
}
