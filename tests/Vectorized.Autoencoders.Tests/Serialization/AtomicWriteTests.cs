using System.Diagnostics;
using System.Globalization;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Tests.Serialization;

/// <summary>
/// Kills a child process (the vecae CLI's hidden checkpoint-writing loop) in the middle of writing
/// a 32 MB checkpoint, and checks that the file on disk is still a complete checkpoint each time.
/// </summary>
public class AtomicWriteTests
{
    private const int Megabytes = 32;

    [Fact]
    public async Task KillingTheWriterMidWriteLeavesTheLastCompleteCheckpoint()
    {
        var dir = Directory.CreateTempSubdirectory("vecae-atomic-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.ckpt");
            CheckpointFile.Write(path, [NamedTensor.Float32("weights", new float[] { 0 }, 1)], new Dictionary<string, string> { ["iteration"] = "0" });

            var random = new Random(5);
            var killsMidWrite = 0;
            for (var attempt = 0; attempt < 8 && killsMidWrite < 2; attempt++)
            {
                var lastCompleted = await RunAndKill(path, waitFor: 2, delayMs: random.Next(0, 15));

                // A temporary file left behind proves the kill landed inside a write.
                var leftovers = Directory.GetFiles(dir.FullName, "*" + AtomicFile.TemporarySuffix);
                if (leftovers.Length > 0)
                {
                    killsMidWrite++;
                }

                var checkpoint = CheckpointFile.Read(path);
                var iteration = checkpoint.GetInt64("iteration");
                // The last write the child reported done, or the next one if it was killed between rename and report.
                Assert.InRange(iteration, lastCompleted, lastCompleted + 1);
                var weights = checkpoint.GetFloat32("weights");
                Assert.Equal(Megabytes * (1 << 20) / sizeof(float), weights.Length);
                Assert.True(weights.AsSpan().IndexOfAnyExcept((float)iteration) < 0, "the checkpoint mixes two writes");

                foreach (var leftover in leftovers)
                {
                    File.Delete(leftover);
                }
            }

            Assert.True(killsMidWrite >= 1, "no kill landed inside a write; the test proved nothing");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Starts the writer, waits until it announces write number <paramref name="waitFor"/>, kills it
    /// after <paramref name="delayMs"/>; returns the last write it reported complete.
    /// </summary>
    private static async Task<long> RunAndKill(string path, int waitFor, int delayMs)
    {
        var vecae = Path.Combine(AppContext.BaseDirectory, "vecae.dll");
        var start = new ProcessStartInfo(DotnetHost(), [vecae, WriteCheckpointsCommand.Name, path, "--megabytes", Megabytes.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start vecae");
        try
        {
            long announced = 0;
            var deadline = Stopwatch.StartNew();
            while (announced < waitFor)
            {
                var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                if (line is null)
                {
                    Assert.Fail($"the writer exited early: {await child.StandardError.ReadToEndAsync()}");
                }

                if (line.StartsWith("writing ", StringComparison.Ordinal))
                {
                    announced = long.Parse(line.AsSpan(8), CultureInfo.InvariantCulture);
                }

                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "the writer is too slow");
            }

            await Task.Delay(delayMs);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();

            long completed = 0;
            foreach (var rest in (await child.StandardOutput.ReadToEndAsync()).Split('\n'))
            {
                if (rest.StartsWith("wrote ", StringComparison.Ordinal))
                {
                    completed = long.Parse(rest.AsSpan(6), CultureInfo.InvariantCulture);
                }
            }

            return Math.Max(completed, announced - 1);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }
        }
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), else dotnet on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
