namespace Vectorized.Autoencoders.Data;

/// <summary>
/// Replaces a file so that a crash, a kill or Ctrl+C at any moment leaves either the old file or
/// the new one, never a mix: write a temporary file in the same folder (so the rename stays on
/// one file system), flush it to the disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>Suffix of the temporary file; a leftover one (from a killed writer) is harmless and overwritten next time.</summary>
    public const string TemporarySuffix = ".tmp";

    /// <summary>Calls <paramref name="write"/> with a stream to the temporary file, then moves it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? ".";
        // The process id keeps two writers of one file from sharing a temporary file.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
                // Flush(true) asks the OS to put the bytes on the disk before the rename makes them the file.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
