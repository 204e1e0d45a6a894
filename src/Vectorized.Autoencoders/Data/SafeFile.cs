namespace Vectorized.Autoencoders.Data;

/// <summary>Opens files for reading, turning the operating system's errors into <see cref="FileFormatException"/>.</summary>
internal static class SafeFile
{
    /// <summary>The reason given for a pipe, FIFO or terminal: the readers check sizes against the file's length, which those do not have.</summary>
    public const string NotRegularFile = "not a regular file";

    /// <summary>Opens a regular file; a folder, a missing file, or a stream without a length (a pipe, a FIFO, /dev/stdin from a pipe) is refused.</summary>
    public static FileStream OpenRead(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new FileFormatException(path, "is a folder, not a file");
            }

            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            return EnsureSeekable(stream, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileFormatException(path, "no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FileFormatException(path, "permission denied", e);
        }
        catch (IOException e)
        {
            throw new FileFormatException(path, $"cannot open ({e.Message})", e);
        }
    }

    /// <summary>
    /// Returns <paramref name="stream"/> when it has a length to check sizes against; disposes it and
    /// throws otherwise, before a byte is read (a pipe's bytes, once read, are gone).
    /// </summary>
    public static FileStream EnsureSeekable(FileStream stream, string path)
    {
        if (stream.CanSeek)
        {
            return stream;
        }

        stream.Dispose();
        throw new FileFormatException(path, NotRegularFile);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadUpTo(Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
