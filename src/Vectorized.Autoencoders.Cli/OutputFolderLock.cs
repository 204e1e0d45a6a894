using System.Globalization;
using Vectorized.Autoencoders.IO;

namespace Vectorized.Autoencoders.Cli;

/// <summary>
/// Makes one run at a time the owner of an output folder, so two runs into the same <c>--out</c>
/// cannot leave one's model beside the other's history. The lock is a file in the folder holding
/// the owner's process id, created exclusively; a lock whose process is gone (killed, crashed) is
/// taken over. Dispose releases it, and removes the folder again when the lock created it and
/// the run left nothing there.
/// </summary>
internal sealed class OutputFolderLock : IDisposable
{
    /// <summary>The lock file's name inside the output folder.</summary>
    public const string FileName = ".vecae.lock";

    // Taking over a stale lock races other runs doing the same; each lost race is retried.
    private const int Attempts = 8;

    private readonly string _path;
    private readonly string _folder;
    private readonly bool _createdFolder;
    private readonly string _owner;
    private bool _released;

    private OutputFolderLock(string folder, string path, bool createdFolder, string owner)
    {
        _folder = folder;
        _path = path;
        _createdFolder = createdFolder;
        _owner = owner;
    }

    /// <summary>
    /// Creates <paramref name="folder"/> if needed and takes its lock; throws <see cref="CliException"/>
    /// (one line, exit code 2) when another live run holds it or the folder cannot be used.
    /// </summary>
    public static OutputFolderLock Acquire(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var owner = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var createdFolder = !Directory.Exists(folder);
            // The output layer's own checks: a file in the way, a read-only or full disk, a long name.
            AtomicFile.CreateFolder(folder);
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                if (TryCreate(path, owner))
                {
                    return new OutputFolderLock(folder, path, createdFolder, owner);
                }

                var holder = ReadHolder(path);
                if (holder is null)
                {
                    continue; // released between our try and our read: try again
                }

                if (int.TryParse(holder, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && UnixFileSystem.ProcessExists(pid))
                {
                    throw new CliException($"{folder}: in use by another vecae run (process {pid}); if none is running, delete {path}");
                }

                RemoveStale(path, holder);
            }

            throw new CliException($"{folder}: could not take the lock {path}: other runs keep taking it");
        }
        catch (Exception e) when (e is (IOException and not FileWriteException) or UnauthorizedAccessException)
        {
            // A full or read-only disk shows here first: the lock is the run's first file.
            throw FileWriteException.For(path, e);
        }
    }

    /// <summary>Deletes the lock if it is still ours; idempotent.</summary>
    public void Dispose()
    {
        if (_released)
        {
            return;
        }

        _released = true;
        try
        {
            if (ReadHolder(_path) == _owner)
            {
                File.Delete(_path);
            }

            if (_createdFolder && Directory.Exists(_folder) && !Directory.EnumerateFileSystemEntries(_folder).Any())
            {
                Directory.Delete(_folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run's result is already decided; a lock left behind is stale and the next run takes it over.
        }
    }

    /// <summary>
    /// Writes the id to a file of our own, then moves it into place without overwriting: the lock
    /// appears whole or not at all, so no reader ever sees it empty.
    /// </summary>
    private static bool TryCreate(string path, string owner)
    {
        var temporary = $"{path}.{owner}.tmp";
        // Deleting first removes a leftover of this pid (or a planted link, never its target);
        // CreateNew is O_EXCL, which never follows a symbolic link.
        File.Delete(temporary);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(owner));
            }

            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            // Also after a failed write (a full disk): no temporary file is left behind.
            File.Delete(temporary);
        }
    }

    /// <summary>The lock's content, or null when there is no lock.</summary>
    private static string? ReadHolder(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Moves the stale lock aside (a rename is atomic, so of several runs taking it over one wins) and
    /// puts it back if what was moved is no longer the stale lock but a new run's.
    /// </summary>
    private static void RemoveStale(string path, string staleHolder)
    {
        var aside = $"{path}.{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}.stale";
        try
        {
            File.Move(path, aside, overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return; // another run took it over first
        }

        if (ReadHolder(aside) != staleHolder)
        {
            try
            {
                File.Move(aside, path, overwrite: false);
                return;
            }
            catch (IOException)
            {
                // A third run locked the folder meanwhile; it is the owner now.
            }
        }

        File.Delete(aside);
    }
}
