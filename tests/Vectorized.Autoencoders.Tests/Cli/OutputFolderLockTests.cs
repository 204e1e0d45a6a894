using System.Diagnostics;
using System.Globalization;
using Vectorized.Autoencoders.Cli;
using Vectorized.Autoencoders.Cli.Commands;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary>
/// One run at a time per output folder: a run into a folder another live process has locked
/// fails at once in one line with exit code 2 and touches nothing; a lock left by a dead process
/// is taken over; a run releases its lock however it ends.
/// </summary>
public sealed class OutputFolderLockTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vecae-lock-").FullName;
    private readonly TinyMnist _mnist = new();

    public void Dispose()
    {
        _mnist.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Out => Path.Combine(_dir, "out");

    private string LockPath => Path.Combine(Out, OutputFolderLock.FileName);

    public static TheoryData<string> Commands => ["train", "reproduce", "figures"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void ASecondRunIntoALockedFolderFailsAtOnce(string command)
    {
        var model = command == "figures" ? TrainModel() : null;
        // This test process is the live run holding the folder.
        Directory.CreateDirectory(Out);
        var holder = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(LockPath, holder);

        var (code, _, err) = Run(ArgsFor(command, model));
        Assert.True(code == 2, $"exit {code}: {err}");
        Assert.Equal($"error: {Out}: in use by another vecae run (process {holder}); if none is running, delete {LockPath}", err.TrimEnd());
        Assert.Equal([LockPath], Directory.GetFileSystemEntries(Out));
        Assert.Equal(holder, File.ReadAllText(LockPath));
    }

    [Fact]
    public void ALockOfADeadProcessIsTakenOverAndReleased()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(LockPath, DeadProcessId().ToString(CultureInfo.InvariantCulture));
        var (code, _, err) = Run(ArgsFor("train", null));
        Assert.True(code == 0, err);
        Assert.True(File.Exists(Path.Combine(Out, TrainCommand.ModelFile)));
        Assert.False(File.Exists(LockPath));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("2147483647")]
    public void ALockNamingNoProcessIsTakenOver(string holder)
    {
        // 0 is no process (kill(0, 0) would ask about this process group); 2^31 - 1 is above any pid_max.
        Directory.CreateDirectory(Out);
        File.WriteAllText(LockPath, holder);
        using (OutputFolderLock.Acquire(Out))
        {
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadAllText(LockPath));
        }

        Assert.False(File.Exists(LockPath));
    }

    [Fact]
    public void AFailedRunReleasesTheLockAndTheFolderItCreated()
    {
        var (code, _, _) = Run("train", "--limit", "20", "--epochs", "1", "--data", Path.Combine(_dir, "no-such-data"), "--out", Out, "--quiet");
        Assert.Equal(2, code);
        Assert.False(Directory.Exists(Out), "the lock's folder is removed again when the run left nothing in it");

        Directory.CreateDirectory(Out);
        (code, _, _) = Run("train", "--limit", "20", "--epochs", "1", "--data", Path.Combine(_dir, "no-such-data"), "--out", Out, "--quiet");
        Assert.Equal(2, code);
        Assert.Empty(Directory.GetFileSystemEntries(Out));
    }

    [Fact]
    public void AnInterruptedRunReleasesTheLock()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var args = new Arguments("train", ArgsFor("train", null)[1..]);
        var code = TrainCommand.Run(args, TextWriter.Null, TextWriter.Null, cancel.Token);
        Assert.Equal(130, code);
        Assert.False(File.Exists(LockPath));
        // The next run takes the folder without a word.
        Assert.Equal(0, Run(ArgsFor("train", null)).Code);
    }

    [Fact]
    public void TwoLocksOnOneFolderCannotBeHeldAtOnce()
    {
        using (OutputFolderLock.Acquire(Out))
        {
            var e = Assert.Throws<CliException>(() => OutputFolderLock.Acquire(Out));
            Assert.Contains($"process {Environment.ProcessId}", e.Message);
        }

        using (OutputFolderLock.Acquire(Out))
        {
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadAllText(LockPath));
        }
    }

    private string[] ArgsFor(string command, string? model) => command switch
    {
        "train" => ["train", "--model", "shallow", "--limit", "20", "--epochs", "1", "--threads", "1", "--data", _mnist.Path, "--out", Out, "--quiet"],
        "reproduce" => ["reproduce", "--quick", "--threads", "1", "--data", _mnist.Path, "--out", Out],
        _ => ["figures", "--model", model!, "--data", _mnist.Path, "--out", Out],
    };

    private string TrainModel()
    {
        var run = Path.Combine(_dir, "model-run");
        var (code, _, err) = Run("train", "--model", "shallow", "--limit", "20", "--epochs", "1", "--threads", "1", "--data", _mnist.Path, "--out", run, "--quiet");
        Assert.True(code == 0, err);
        return Path.Combine(run, TrainCommand.ModelFile);
    }

    /// <summary>The id of a process that has exited: a short-lived child, waited for.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(ExternalToolPath("true"))!;
        process.WaitForExit();
        return process.Id;
    }

    private static string ExternalToolPath(string name) => Imaging.ExternalTool.Find(name);
}
