namespace Vectorized.Autoencoders.IO;

/// <summary>
/// What is at a path that is about to be written, the last component's symlink not followed:
/// only nothing or a regular file may be replaced.
/// </summary>
internal static class OutputTarget
{
    private const int RegularFile = 0x8000;

    /// <summary>Throws <see cref="FileWriteException"/> unless <paramref name="path"/> is missing or a regular file.</summary>
    /// <param name="path">The path as the caller named it, for the message.</param>
    /// <param name="fullPath">The same path made absolute.</param>
    public static void EnsureReplaceable(string path, string fullPath)
    {
        if (UnixFileSystem.HasStatx)
        {
            var type = UnixFileSystem.FileType(fullPath);
            if (type < 0)
            {
                throw new FileWriteException(path, WriteFailure.Reason(-type));
            }

            if (type is not (0 or RegularFile))
            {
                throw new FileWriteException(path, "not a regular file");
            }

            return;
        }

        // Without statx: symlinks and folders are recognised, devices are not.
        var info = new FileInfo(fullPath);
        if (info.LinkTarget is not null || Directory.Exists(fullPath))
        {
            throw new FileWriteException(path, "not a regular file");
        }
    }
}
