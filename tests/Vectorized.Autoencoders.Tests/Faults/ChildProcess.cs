using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>Runs tools (mount, setpriv) and the real <c>vecae</c> as child processes, and signals them.</summary>
internal static partial class ChildProcess
{
    public const int SigInt = 2;

    /// <summary>Runs <paramref name="file"/> to the end; returns its exit code and output.</summary>
    public static (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        using var process = Start(file, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in 120 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static Process Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"this fault test needs '{file}' and could not run it: {e.Message}");
            throw;
        }
    }

    /// <summary>The vecae CLI in a child process: the dotnet host running the tests, and vecae.dll beside them.</summary>
    public static Process StartVecae(params string[] args) => Start(DotnetHost, [VecaeDll, .. args]);

    public static (int Code, string Out, string Err) RunVecae(params string[] args) => Run(DotnetHost, [VecaeDll, .. args]);

    public static string VecaeDll => Path.Combine(AppContext.BaseDirectory, "vecae.dll");

    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is already gone.</summary>
    public static bool Signal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>The id of a process that has exited: no process has it now (ids are not reused this soon).</summary>
    public static int DeadProcessId()
    {
        using var process = Start("true");
        process.WaitForExit();
        return process.Id;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
