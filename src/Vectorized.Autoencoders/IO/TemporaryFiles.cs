using System.Globalization;

namespace Vectorized.Autoencoders.IO;

/// <summary>
/// Names of <see cref="AtomicFile"/>'s temporary files, <c>.NAME.PID.RANDOM.tmp</c>, and the
/// clean-up of those a killed process left behind. The process id tells a live writer's file
/// (left alone) from a dead one's (removed); the random part keeps a name planted in advance
/// from being the one a writer uses.
/// </summary>
internal static class TemporaryFiles
{
    // Long target names are shortened so the temporary name stays under NAME_MAX (255 bytes).
    private const int MaxNameChars = 40;

    public static string NameFor(string fileName)
    {
        var name = fileName.Length <= MaxNameChars ? fileName : fileName[..(char.IsHighSurrogate(fileName[MaxNameChars - 1]) ? MaxNameChars - 1 : MaxNameChars)];
        return string.Create(CultureInfo.InvariantCulture, $".{name}.{Environment.ProcessId}.{Random.Shared.Next():x8}{AtomicFile.TemporarySuffix}");
    }

    /// <summary>The writer's process id in a temporary file's name (also the older <c>.NAME.PID.tmp</c>), or -1.</summary>
    public static int OwnerOf(string fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal))
        {
            return -1;
        }

        var parts = fileName[1..^AtomicFile.TemporarySuffix.Length].Split('.');
        if (parts.Length >= 3 && parts[^1].Length == 8 && IsHex(parts[^1]) && TryPid(parts[^2], out var pid))
        {
            return pid;
        }

        return parts.Length >= 2 && TryPid(parts[^1], out pid) ? pid : -1;
    }

    /// <summary>Removes the temporary files in <paramref name="folder"/> whose writer is gone. Best effort: never fails a write.</summary>
    public static void RemoveStale(string folder)
    {
        try
        {
            foreach (var path in Directory.EnumerateFiles(folder, "." + "*" + AtomicFile.TemporarySuffix))
            {
                var pid = OwnerOf(Path.GetFileName(path));
                if (pid > 0 && pid != Environment.ProcessId && !UnixFileSystem.ProcessExists(pid))
                {
                    TryDelete(path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable folder fails the write itself, with a better message.
        }
    }

    /// <summary>Deletes <paramref name="path"/> (a symlink itself, never its target), ignoring failures.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the write's own error matters more than a leftover temporary file.
        }
    }

    private static bool TryPid(string text, out int pid) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pid) && pid > 0;

    private static bool IsHex(string text) => text.All(char.IsAsciiHexDigitLower);
}
