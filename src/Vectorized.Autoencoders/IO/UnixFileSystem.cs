using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.IO;

/// <summary>
/// The few POSIX calls .NET has no API for: the type of a path without following a symlink
/// (statx), fsync of a folder, and whether a process id is alive (kill with signal 0).
/// </summary>
internal static partial class UnixFileSystem
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    // struct statx is 256 bytes on every architecture; stx_mode is the u16 at byte 28.
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;
    private const int OpenReadOnlyCloseOnExec = 0x80000;
    private const int Eintr = 4;
    private const int Esrch = 3;
    private const int Einval = 22;
    private const int Enosys = 38;
    private const int Enotsup = 95;

    /// <summary>Linux offers statx (kernel 4.11, glibc 2.28); elsewhere the managed checks are used.</summary>
    public static bool HasStatx { get; } = OperatingSystem.IsLinux() && ProbeStatx();

    /// <summary>
    /// The file type bits (S_IFMT) of <paramref name="path"/> itself, a symlink not followed;
    /// 0 when nothing is there; -errno when the call fails otherwise (ENOTDIR, EACCES, ...).
    /// </summary>
    public static int FileType(string path)
    {
        Span<byte> buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer)) == 0)
        {
            return BinaryPrimitives.ReadUInt16LittleEndian(buffer[StatxModeOffset..]) & 0xF000;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == 2 ? 0 : -errno;
    }

    /// <summary>
    /// Makes a rename inside <paramref name="folder"/> durable. File systems that cannot sync a
    /// folder (EINVAL, ENOTSUP) have nothing to sync; other errors are the caller's to report.
    /// </summary>
    public static int SyncFolder(string folder)
    {
        // The open flags below are Linux's; elsewhere the rename's durability is the file system's.
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        int fd;
        try
        {
            fd = Open(folder, OpenReadOnlyCloseOnExec);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No C library to call: the file itself was fsynced; the rename's durability is the file system's.
            return 0;
        }

        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }

        try
        {
            int result;
            do
            {
                result = Fsync(fd);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == Eintr);
            var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            return errno is Einval or Enotsup ? 0 : errno;
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// False only when no process has id <paramref name="pid"/> (ESRCH) or the id cannot be one
    /// (0 or below: kill would signal a process group); a process of another user counts as alive.
    /// </summary>
    public static bool ProcessExists(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        if (!OperatingSystem.IsWindows())
        {
            try
            {
                return Kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != Esrch;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // Fall through to the managed check.
            }
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool ProbeStatx()
    {
        try
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            return Statx(AtFdCwd, "/", AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer)) == 0
                || Marshal.GetLastPInvokeError() != Enosys;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, ref byte statxBuffer);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
