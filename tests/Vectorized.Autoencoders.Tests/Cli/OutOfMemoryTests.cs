using System.Diagnostics;

namespace Vectorized.Autoencoders.Tests.Cli;

/// <summary>
/// A run that does not fit the process's memory (a container cap; here DOTNET_GCHeapHardLimit in a
/// child process) ends as one line and exit code 2 (an environment fault, like a full disk), with no stack trace and no half-written files.
/// </summary>
public class OutOfMemoryTests
{
    [Fact]
    public async Task AModelTooLargeForTheHeapLimitIsOneLine()
    {
        using var data = new TinyMnist();
        var output = Path.Combine(Path.GetTempPath(), $"vecae-oom-{Guid.NewGuid():N}");
        var vecae = Path.Combine(AppContext.BaseDirectory, "vecae.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        // 784-30000-784: 47 million parameters, 188 MB each for weights, gradients and both Adam moments.
        var start = new ProcessStartInfo(host, [vecae, "train", "--model", "custom", "--layers", "784,30000,784", "--epochs", "1", "--data", data.Path, "--out", output, "--quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x4000000"; // 64 MB
        try
        {
            using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start vecae");
            var stderrTask = child.StandardError.ReadToEndAsync();
            await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var stderr = (await stderrTask).TrimEnd();
            Assert.Equal(2, child.ExitCode);
            Assert.StartsWith("error: train: out of memory: this run needs more than the ", stderr);
            Assert.DoesNotContain('\n', stderr);
            Assert.False(File.Exists(Path.Combine(output, "model.safetensors")));
            Assert.False(File.Exists(Path.Combine(output, "checkpoint.safetensors")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
