using Vectorized.Autoencoders.Tests.Cli.Hostile;

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
        try
        {
            // 784-30000-784: 47 million parameters, 188 MB each for weights, gradients and both Adam moments.
            var (code, stderr) = await HostileFiles.RunCappedAsync(64, "train", "--model", "custom", "--layers", "784,30000,784", "--epochs", "1", "--data", data.Path, "--out", output, "--quiet");
            Assert.Equal(2, code);
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
