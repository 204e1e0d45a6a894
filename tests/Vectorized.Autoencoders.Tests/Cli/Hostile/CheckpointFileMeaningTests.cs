using System.Text.Json;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Training;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli.Hostile;

/// <summary>
/// Checkpoints whose bytes are valid but whose meaning is wrong (issue 16): <c>train --resume</c> ends
/// with one line, <c>error: FILE: reason</c>, exit code 2, and the JSON the CLI writes stays valid JSON.
/// </summary>
public class CheckpointFileMeaningTests
{
    private static void AssertResumeRefused(HostileFiles files, string checkpoint, string reason) =>
        AssertUsageError($"{checkpoint}: {reason}",
            "train", "--model", "custom", "--layers", "784,8,784", "--epochs", "2", "--threads", "1", "--data", files.Data, "--out", files.PathOf("resumed"), "--quiet", "--resume", checkpoint);

    [Theory]
    [InlineData("not json", "checkpoint metadata 'history' is not valid JSON")]
    [InlineData("{}", "checkpoint metadata 'history' is an object, not an array of epochs")]
    [InlineData("[]", "checkpoint metadata 'history' lists 0 epochs, the checkpoint has completed 1")]
    [InlineData("[{\"epoch\":1}]", "epoch 1 has no 'train_loss'")]
    [InlineData("[{\"epoch\":1,\"train_loss\":NaN}]", "is not valid JSON")]
    [InlineData("[{\"epoch\":2,\"train_loss\":0.5}]", "'epoch' must be the number 1")]
    [InlineData("[{\"epoch\":1,\"train_loss\":\"0.5\",\"test_loss\":0.5,\"test_reconstruction_loss\":0.5,\"mean_code\":0.5,\"zero_fraction\":0.5,\"seconds\":1}]", "'train_loss' must be a finite number")]
    [InlineData("[{\"epoch\":1,\"train_loss\":null,\"test_loss\":0.5,\"test_reconstruction_loss\":0.5,\"mean_code\":0.5,\"zero_fraction\":0.5,\"seconds\":1}]", "'train_loss' must be a finite number, or null with 'train_loss_not_finite'")]
    [InlineData("[{\"epoch\":1,\"loss\":1}]", "epoch 1 has an unknown field 'loss'")]
    public void MalformedHistoryMetadataIsOneLine(string history, string reason)
    {
        using var files = new HostileFiles();
        var checkpoint = files.Checkpoint("history.safetensors", (_, metadata) => metadata["history"] = history);
        AssertResumeRefused(files, checkpoint, "checkpoint metadata 'history'");
        AssertUsageError(reason,
            "train", "--model", "custom", "--layers", "784,8,784", "--epochs", "2", "--threads", "1", "--data", files.Data, "--out", files.PathOf("resumed"), "--quiet", "--resume", checkpoint);
    }

    [Theory]
    [InlineData("step", "-1", "checkpoint metadata 'step' is '-1', not an integer in [0, 9223372036854775807]")]
    [InlineData("completed_epochs", "one", "checkpoint metadata 'completed_epochs' is 'one', not an integer")]
    [InlineData("batch_in_epoch", "99999999999", "checkpoint metadata 'batch_in_epoch' is '99999999999', not an integer in [0, 2147483647]")]
    [InlineData("rng", "0000000000000000:0000000000000000:0000000000000000:0000000000000000", "checkpoint metadata 'rng' is")]
    [InlineData("epoch_start_rng", "12:34", "checkpoint metadata 'epoch_start_rng' is '12:34', not four 16-hex-digit words")]
    [InlineData("rng_streams", "numpy", "checkpoint metadata 'rng_streams' is 'numpy', not vecae or pytorch")]
    [InlineData("epoch_loss_sum", "zz", "checkpoint metadata 'epoch_loss_sum' is 'zz', not 16 hex digits")]
    public void MalformedPositionMetadataIsOneLine(string key, string value, string reason)
    {
        using var files = new HostileFiles();
        var checkpoint = files.Checkpoint("position.safetensors", (_, metadata) => metadata[key] = value);
        AssertResumeRefused(files, checkpoint, reason);
    }

    [Fact]
    public void AMidEpochCheckpointWithANaNLossSumIsRefused()
    {
        // main resumed it, wrote "train_loss":NaN into history.json, and crashed on the next resume.
        using var files = new HostileFiles();
        var checkpoint = files.Checkpoint("nan-sum.safetensors", (_, metadata) =>
        {
            metadata["batch_in_epoch"] = "1";
            metadata["epoch_loss_sum"] = HostileFiles.Hex(double.NaN);
        });
        AssertResumeRefused(files, checkpoint, "checkpoint metadata 'epoch_loss_sum' is NaN, not a finite sum of losses");
        Assert.False(File.Exists(Path.Combine(files.PathOf("resumed"), TrainCommand.HistoryFile)));
    }

    [Theory]
    [InlineData("encoder.0.weight", "encoder.0.weight holds NaN")]
    [InlineData("optimizer.m", "optimizer.m holds NaN")]
    [InlineData("optimizer.v", "optimizer.v holds NaN")]
    public void NonFiniteWeightsOrOptimizerStateAreRefused(string tensor, string reason)
    {
        using var files = new HostileFiles();
        var checkpoint = files.Checkpoint("nan.safetensors", (tensors, _) => tensors[tensor].Data[0] = float.NaN);
        AssertResumeRefused(files, checkpoint, reason);
    }

    [Fact]
    public void ModelCommandsCheckACheckpointWholeToo()
    {
        using var files = new HostileFiles();
        var good = files.Checkpoint("good.safetensors");
        var (code, _, err) = Run("eval", "--model", good, "--data", files.Data, "--threads", "1");
        Assert.True(code == 0, err);
        var bad = files.Checkpoint("nan-moment.safetensors", (tensors, _) => tensors["optimizer.v"].Data[5] = float.PositiveInfinity);
        AssertUsageError($"{bad}: optimizer.v holds +Infinity", "eval", "--model", bad, "--data", files.Data);
        AssertUsageError($"{bad}: optimizer.v holds +Infinity", "encode", "--model", bad, "--data", files.Data, "--out", files.PathOf("codes.idx"));
    }

    [Fact]
    public void OptimizerStateOfTheWrongSizeIsRefused()
    {
        using var files = new HostileFiles();
        var checkpoint = files.Checkpoint("short-moment.safetensors", (tensors, _) => tensors["optimizer.m"] = ([3], [0f, 0f, 0f]));
        AssertResumeRefused(files, checkpoint, "tensor 'optimizer.m' has shape [3], the model's 13336 parameters need [13336]");
    }

    [Fact]
    public void AValidCheckpointStillResumesAndItsHistoryIsJson()
    {
        using var files = new HostileFiles();
        var checkpoint = files.Checkpoint("good.safetensors");
        var output = files.PathOf("resumed");
        var (code, _, err) = Run("train", "--model", "custom", "--layers", "784,8,784", "--epochs", "2", "--threads", "1", "--data", files.Data, "--out", output, "--quiet", "--resume", checkpoint);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, TrainCommand.HistoryFile)));
        Assert.Equal(2, doc.RootElement.GetProperty("epochs").GetArrayLength());
    }

    [Fact]
    public void NonFiniteNumbersAreWrittenAsNullWithAReason()
    {
        var line = TrainCommand.EpochJson(new EpochResult(3, double.NaN, new EvaluationResult(double.PositiveInfinity, double.NegativeInfinity, 0.5, 0.25, 10), 1.5));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("train_loss").ValueKind);
        Assert.Equal("NaN", root.GetProperty("train_loss_not_finite").GetString());
        Assert.Equal("Infinity", root.GetProperty("test_loss_not_finite").GetString());
        Assert.Equal("-Infinity", root.GetProperty("test_reconstruction_loss_not_finite").GetString());
        Assert.Equal(0.5, root.GetProperty("mean_code").GetDouble());
        Assert.False(root.TryGetProperty("mean_code_not_finite", out _));
    }
}
