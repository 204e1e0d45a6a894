using System.Diagnostics;

namespace Vectorized.Autoencoders.Tests.Imaging;

/// <summary>Finds and runs a command-line checker (pngcheck) that CI installs from Debian.</summary>
internal static class ExternalTool
{
    public static string Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        // Not a skip: the check is part of the acceptance list, so a missing tool is a failure that says how to fix it.
        throw new InvalidOperationException($"'{name}' is not on PATH; install it with: apt-get install -y {name}");
    }

    public static (int ExitCode, string Output) Run(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(Find(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
