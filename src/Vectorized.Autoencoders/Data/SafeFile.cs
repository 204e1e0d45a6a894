namespace Vectorized.Autoencoders.Data;

/// <summary>Opens files for reading, turning the operating system's errors into <see cref="FileFormatException"/>.</summary>
internal static class SafeFile
{
    public static FileStream OpenRead(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new FileFormatException(path, "is a folder, not a file");
            }

            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
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

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    public static int ReadUpTo(Stream stream, Span<byte> buffer) =>
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
}
