namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// A small tmpfs mounted for one test: a disk that fills up at a chosen byte count, and that can be
/// made read-only. Needs root (CI runs as root); without it the test fails and says why.
/// </summary>
internal sealed class Tmpfs : IDisposable
{
    public Tmpfs(long sizeBytes)
    {
        Directory.CreateDirectory(Path);
        var (code, _, err) = ChildProcess.Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", Path);
        if (code != 0)
        {
            Directory.Delete(Path);
            Assert.Fail($"this fault test needs a tmpfs of its own and could not mount one (root is needed; CI runs as root): mount exited {code}: {err.Trim()}");
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vecae-tmpfs-{Guid.NewGuid():N}");

    /// <summary>Bytes still free on the file system.</summary>
    public long Available => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a filler file so that only <paramref name="bytes"/> (rounded down to pages) stay free.</summary>
    public void FillLeaving(long bytes)
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using (var stream = new FileStream(filler, FileMode.Append, FileAccess.Write))
        {
            // Real bytes: a sparse SetLength would not take the space.
            var chunk = new byte[1 << 16];
            chunk.AsSpan().Fill(1);
            for (var left = Available - bytes; left > 0; left -= chunk.Length)
            {
                stream.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            }
        }

        Assert.InRange(Available, 0, bytes);
    }

    /// <summary>Frees the space <see cref="FillLeaving"/> took.</summary>
    public void Unfill() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void RemountReadOnly()
    {
        var (code, _, err) = ChildProcess.Run("mount", "-o", "remount,ro", Path);
        Assert.True(code == 0, $"could not remount the tmpfs read-only: {err.Trim()}");
    }

    public void Dispose()
    {
        ChildProcess.Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still busy after a lazy unmount: an empty folder left in /tmp.
        }
    }
}
