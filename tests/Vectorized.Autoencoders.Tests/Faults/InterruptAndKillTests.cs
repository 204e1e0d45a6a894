using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Faults;

/// <summary>
/// The real <c>vecae train</c> in a child process, stopped by Ctrl+C (SIGINT) or killed with
/// SIGKILL at random points; a resume then ends bit for bit where the uninterrupted run ends,
/// and no temporary file is left.
/// </summary>
public sealed class InterruptAndKillTests : IDisposable
{
    private const int Epochs = 12;
    private readonly FaultScratch _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string[] LongRun(string output) =>
        // The last of a repeated flag wins, so a test can append overrides.
        ["--model", "custom", "--layers", "784,64,784", "--batch", "8", "--epochs", Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
         "--seed", "5", "--data", _scratch.Data, "--out", output, "--quiet", "--json", "--threads", "1"];

    [Fact]
    public async Task KillNineAtRandomPointsThenResumeIsBitwiseTheUninterruptedRun()
    {
        var straight = _scratch.Path("straight");
        Assert.Equal(0, Run(["train", .. LongRun(straight)]).Code);
        var expected = File.ReadAllBytes(Path.Combine(straight, "model.safetensors"));

        var random = new Random(14);
        for (var round = 0; round < 3; round++)
        {
            var output = _scratch.Path($"killed-{round}");
            using (var child = ChildProcess.StartVecae(["train", .. LongRun(output)]))
            {
                // After epoch `wait`'s line its checkpoint is (about to be) written; kill somewhere after.
                var wait = random.Next(1, 4);
                for (var line = 0; line < wait; line++)
                {
                    Assert.NotNull(await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)));
                }

                await Task.Delay(random.Next(0, 40));
                child.Kill();
                await child.WaitForExitAsync();
            }

            var checkpoint = Path.Combine(output, "checkpoint.safetensors");
            // A writer killed mid-save left its temporary file; plant one more of a dead process for certain.
            File.WriteAllText(Path.Combine(output, $".checkpoint.safetensors.{ChildProcess.DeadProcessId()}.tmp"), "partial");
            string[] resume = File.Exists(checkpoint) ? ["--resume", checkpoint] : [];
            var (code, _, err) = Run(["train", .. LongRun(output), .. resume]);
            Assert.True(code == 0, err);
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(output, "model.safetensors")));
            FaultAssert.NoTemporaryFiles(output);
        }
    }

    [Fact]
    public async Task CtrlCMidTrainingSavesACheckpointAndExits130()
    {
        var output = _scratch.Path("interrupted");
        using var child = ChildProcess.StartVecae(["train", .. LongRun(output), "--epochs", "100000"]);
        Assert.NotNull(await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)));
        Assert.True(ChildProcess.Signal(child.Id, ChildProcess.SigInt));
        var stderr = await child.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(120));
        await child.WaitForExitAsync();
        Assert.Equal(130, child.ExitCode);
        Assert.StartsWith("stopped: checkpoint saved to ", stderr);
        Assert.Equal(0, Run("inspect", Path.Combine(output, "checkpoint.safetensors")).Code);
        FaultAssert.NoTemporaryFiles(output);
    }

    [Fact]
    public async Task CtrlCDuringTheLastEpochsWritesIsAStopNotAFinish()
    {
        // main returned 0 when the signal came after the last batch: during validation or the saves.
        for (var attempt = 0; ; attempt++)
        {
            var output = _scratch.Path($"last-{attempt}");
            using var child = ChildProcess.StartVecae(["train", .. LongRun(output), "--layers", "784,256,784", "--epochs", "1"]);
            Assert.NotNull(await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)));
            var delivered = ChildProcess.Signal(child.Id, ChildProcess.SigInt);
            var stderr = await child.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(120));
            await child.WaitForExitAsync();
            if (!delivered && attempt < 4)
            {
                // The child was gone before the signal was sent: no Ctrl+C happened; try again.
                continue;
            }

            Assert.Equal(130, child.ExitCode);
            Assert.Contains("stopped: checkpoint saved to ", stderr);
            Assert.Equal(0, Run("inspect", Path.Combine(output, "checkpoint.safetensors")).Code);
            return;
        }
    }
}
