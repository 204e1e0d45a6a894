using Vectorized.Autoencoders.Cli;

namespace Vectorized.Autoencoders.Tests.Cli;

internal static class CommandRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the run failed as a user mistake: code 2 and exactly one line "error: ..." with <paramref name="fragment"/>.</summary>
    public static void AssertUsageError(string fragment, params string[] args)
    {
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        var lines = err.TrimEnd().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(fragment, lines[0]);
    }
}
