namespace Vectorized.Autoencoders.IO;

/// <summary>
/// A file could not be written: no space, a read-only file system, no permission, a path that is
/// not a folder, a name too long, or a target that is not a regular file. The message is one line,
/// <c>PATH: reason</c>, with the path as the caller named it; the earlier file, if any, is intact.
/// </summary>
public sealed class FileWriteException : IOException
{
    public FileWriteException(string filePath, string reason, Exception? innerException = null)
        : base($"{filePath}: {reason}", innerException)
    {
        FilePath = filePath;
        Reason = reason;
    }

    /// <summary>The file (or folder) as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>What went wrong, without the path: "no space left on device", "not a regular file", ...</summary>
    public string Reason { get; }

    /// <summary>Wraps a .NET file API's failure on <paramref name="path"/> with the shell's short reason ("no space left on device").</summary>
    public static FileWriteException For(string path, Exception e) => WriteFailure.For(path, e);
}
