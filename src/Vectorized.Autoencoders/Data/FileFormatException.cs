namespace Vectorized.Autoencoders.Data;

/// <summary>
/// The project's one error for a file that cannot be used: malformed, truncated, lying about its
/// sizes, or missing. Every reader of untrusted bytes throws only this, so a caller (the CLI) can
/// print <see cref="Exception.Message"/> as one line: <c>FILE: reason</c>.
/// </summary>
public sealed class FileFormatException : Exception
{
    public FileFormatException(string filePath, string reason)
        : base($"{filePath}: {reason}")
    {
        FilePath = filePath;
        Reason = reason;
    }

    public FileFormatException(string filePath, string reason, Exception innerException)
        : base($"{filePath}: {reason}", innerException)
    {
        FilePath = filePath;
        Reason = reason;
    }

    /// <summary>The file as the caller named it.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it, without the path.</summary>
    public string Reason { get; }
}
