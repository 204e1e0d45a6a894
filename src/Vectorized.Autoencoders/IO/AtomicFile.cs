using System.Text;

namespace Vectorized.Autoencoders.IO;

/// <summary>
/// The one way the project writes a file. A crash, a kill, Ctrl+C or a full disk at any moment
/// leaves either the old file or the new one, never a mix: the bytes go to a temporary file
/// created exclusively (O_EXCL, so a symlink planted at its name is never followed) in the
/// target's folder, are flushed to the disk, and the temporary file is renamed over the target;
/// then the folder is synced so the rename itself survives a power cut. A target that is a
/// symlink, a folder or a device is refused, never followed or replaced. Every failure is a
/// <see cref="FileWriteException"/> naming the target, after the temporary file is removed.
/// Temporary files that killed processes left in the folder are removed on the next write there.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Suffix of the temporary files, named <c>.NAME.PID.RANDOM.tmp</c> beside the target.</summary>
    public const string TemporarySuffix = ".tmp";

    // A planted name is skipped; this many collisions in a row means something else is wrong.
    private const int CreateAttempts = 16;

    /// <summary>Calls <paramref name="write"/> with a stream to a temporary file, then moves it over <paramref name="path"/>.</summary>
    /// <exception cref="FileWriteException">The file could not be written; an earlier file at <paramref name="path"/> is unchanged.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = FullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        OutputTarget.EnsureReplaceable(path, full);
        TemporaryFiles.RemoveStale(folder);
        string? temporary = null;
        try
        {
            FileStream stream;
            (stream, temporary) = CreateTemporary(folder, Path.GetFileName(full));
            using (stream)
            {
                write(stream);
                // Flush(true) is fsync: the bytes are on the disk before the rename makes them the file.
                stream.Flush(flushToDisk: true);
            }

            // Checked again just before the rename; rename(2) replaces a symlink planted in between, never its target.
            OutputTarget.EnsureReplaceable(path, full);
            File.Move(temporary, full, overwrite: true);
            temporary = null;
            var errno = UnixFileSystem.SyncFolder(folder);
            if (errno != 0)
            {
                throw new FileWriteException(path, WriteFailure.Reason(errno));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw WriteFailure.For(path, e);
        }
        finally
        {
            if (temporary is not null)
            {
                TemporaryFiles.TryDelete(temporary);
            }
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    /// <exception cref="FileWriteException">The file could not be written; an earlier file is unchanged.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte order mark to <paramref name="path"/> atomically.</summary>
    /// <exception cref="FileWriteException">The file could not be written; an earlier file is unchanged.</exception>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Creates the output folder <paramref name="path"/> (and its parents) if missing.</summary>
    /// <exception cref="FileWriteException">It cannot be created, or a non-folder is in the way.</exception>
    public static void CreateFolder(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        // A folder may be named with a trailing separator ("out/"); only a file target may not.
        var full = FullPath(path, folder: true);
        try
        {
            if (File.Exists(full))
            {
                throw new FileWriteException(path, "not a folder");
            }

            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw AncestorIsAFile(full) ? new FileWriteException(path, WriteFailure.Reason(20), e) : WriteFailure.For(path, e);
        }
    }

    // .NET reports mkdir under a file (ENOTDIR) as a missing folder; say what is in the way.
    private static bool AncestorIsAFile(string full)
    {
        for (var folder = Path.GetDirectoryName(full); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
            {
                return false;
            }

            if (File.Exists(folder))
            {
                return true;
            }
        }

        return false;
    }

    private static string FullPath(string path, bool folder = false)
    {
        if (path.Length == 0)
        {
            throw new FileWriteException("''", "empty path");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new FileWriteException(path.Replace("\0", "\\0", StringComparison.Ordinal), "the path contains a NUL character");
        }

        var full = Path.GetFullPath(path);
        if (folder)
        {
            return Path.TrimEndingDirectorySeparator(full);
        }

        return Path.EndsInDirectorySeparator(full) && full.Length > 1 ? throw new FileWriteException(path, "not a regular file") : full;
    }

    private static (FileStream Stream, string Path) CreateTemporary(string folder, string fileName)
    {
        for (var attempt = 1; ; attempt++)
        {
            var temporary = Path.Combine(folder, TemporaryFiles.NameFor(fileName));
            try
            {
                // CreateNew is O_CREAT | O_EXCL: it fails on any existing name, a symlink included.
                return (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16), temporary);
            }
            catch (IOException) when (attempt < CreateAttempts && (File.Exists(temporary) || new FileInfo(temporary).LinkTarget is not null))
            {
                // Someone else's file under this name: not ours to remove; try another name.
            }
        }
    }
}
