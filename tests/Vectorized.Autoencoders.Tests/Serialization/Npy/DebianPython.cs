using System.Diagnostics;

namespace Vectorized.Autoencoders.Tests.Serialization.Npy;

/// <summary>Runs a snippet with Debian's /usr/bin/python3, where apt installs python3-numpy (CI installs it).</summary>
internal static class DebianPython
{
    public const string Path = "/usr/bin/python3";

    public static string Run(string code, params string[] arguments)
    {
        // Not a skip: reading vecae's files with NumPy is part of the acceptance list, so a missing NumPy fails and says how to fix it.
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing; install it with: apt-get install -y python3 python3-numpy");
        }

        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (stderr.Contains("No module named 'numpy'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Path} has no numpy; install it with: apt-get install -y python3-numpy");
        }

        Assert.True(process.ExitCode == 0, $"python exited {process.ExitCode}:\n{stderr}");
        return stdout.Result;
    }
}
