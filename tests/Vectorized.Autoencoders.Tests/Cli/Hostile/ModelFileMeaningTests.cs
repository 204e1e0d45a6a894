using Vectorized.Autoencoders.Models;
using static Vectorized.Autoencoders.Tests.Cli.CommandRunner;

namespace Vectorized.Autoencoders.Tests.Cli.Hostile;

/// <summary>
/// Model files whose bytes are valid safetensors but whose meaning is wrong (issue 16, and issue 17's
/// size and escaping rows): every command that loads a model ends with one line, <c>error: FILE: reason</c>,
/// and exit code 2.
/// </summary>
public class ModelFileMeaningTests
{
    private const string Valid = """{"layers":[784,8,784],"hidden_activation":"relu","output_activation":"sigmoid","code_layer":0,"loss":"bce","l1":0,"l2":0,"per_sample_penalty":false,"weight_decay":0,"initializer":"glorot_uniform"}""";

    /// <summary>The commands that load a model, each run on <paramref name="model"/> with its other inputs valid.</summary>
    private static IEnumerable<string[]> LoadingCommands(HostileFiles files, string model) =>
    [
        ["eval", "--model", model, "--data", files.Data, "--threads", "1"],
        ["encode", "--model", model, "--data", files.Data, "--out", files.PathOf("codes.idx")],
        ["figures", "--model", model, "--data", files.Data, "--out", files.PathOf("figures")],
        ["tsne", "--model", model, "--data", files.Data, "--points", "10", "--iterations", "1", "--out", files.PathOf("map.csv")],
    ];

    [Fact]
    public void ANullHiddenActivationIsOneLineFromEveryCommand()
    {
        using var files = new HostileFiles();
        var model = files.ModelWithArchitecture("null-activation.safetensors", Valid.Replace("\"hidden_activation\":\"relu\"", "\"hidden_activation\":null"));
        foreach (var command in LoadingCommands(files, model))
        {
            AssertUsageError($"{model}: architecture metadata: 'hidden_activation' is null, not a string", command);
        }
    }

    [Theory]
    [InlineData("not json", "architecture metadata is not valid JSON")]
    [InlineData("{}", "architecture metadata has no 'layers'")]
    [InlineData("[784,8,784]", "architecture metadata is an array, not a JSON object")]
    [InlineData("""{"layers":"784,8,784"}""", "'layers' is the string \"784,8,784\", not an array of sizes")]
    [InlineData("""{"layers":[784]}""", "'layers' has 1 sizes")]
    [InlineData("""{"layers":[784,8.5,784]}""", "'layers[1]' is the number 8.5, not an integer")]
    [InlineData("""{"layers":[784,0,784]}""", "'layers[1]' is 0, outside [1, 1048576]")]
    [InlineData("""{"layers":[784,8,784],"hidden_activation":"relu","output_activation":"sigmoid","code_layer":0,"loss":"bce","l1":0,"l2":0,"per_sample_penalty":false,"weight_decay":0,"initializer":"glorot_uniform","layers":[1,2]}""", "not valid JSON")]
    public void MalformedArchitectureJsonIsOneLine(string architecture, string reason)
    {
        using var files = new HostileFiles();
        var model = files.ModelWithArchitecture("bad.safetensors", architecture);
        AssertUsageError($"{model}: ", "eval", "--model", model, "--data", files.Data);
        AssertUsageError(reason, "eval", "--model", model, "--data", files.Data);
    }

    [Theory]
    [InlineData("\"hidden_activation\":\"relu\"", "\"hidden_activation\":\"softmax\"", "'hidden_activation' is \"softmax\", not a known name")]
    [InlineData("\"output_activation\":\"sigmoid\"", "\"output_activation\":7", "'output_activation' is the number 7, not a string")]
    [InlineData("\"code_layer\":0", "\"code_layer\":5", "'code_layer' is 5, outside [-1, 1]")]
    [InlineData("\"code_layer\":0", "\"code_layer\":\"0\"", "'code_layer' is the string \"0\", not an integer")]
    [InlineData("\"loss\":\"bce\"", "\"loss\":\"hinge\"", "'loss' is \"hinge\", not a known name")]
    [InlineData("\"l1\":0", "\"l1\":-1", "'l1' is -1, not a finite non-negative float32")]
    [InlineData("\"l2\":0", "\"l2\":1e300", "'l2' is 1e300, not a finite non-negative float32")]
    [InlineData("\"per_sample_penalty\":false", "\"per_sample_penalty\":\"no\"", "'per_sample_penalty' is the string \"no\", not true or false")]
    [InlineData("\"weight_decay\":0", "\"weight_decay\":null", "'weight_decay' is null, not a number")]
    [InlineData("\"initializer\":\"glorot_uniform\"", "\"initializer\":\"zeros\"", "'initializer' is \"zeros\", not a known name")]
    [InlineData("\"loss\":\"bce\"", "\"loss\":\"bce\",\"dropout\":0.5", "unknown field 'dropout'")]
    [InlineData("\"output_activation\":\"sigmoid\"", "\"output_activation\":\"relu\"", "Binary cross-entropy needs a sigmoid output activation")]
    public void EveryArchitectureFieldIsChecked(string field, string replacement, string reason)
    {
        using var files = new HostileFiles();
        Assert.Contains(field, Valid);
        var model = files.ModelWithArchitecture("bad.safetensors", Valid.Replace(field, replacement));
        AssertUsageError($"{model}: architecture metadata", "eval", "--model", model, "--data", files.Data);
        AssertUsageError(reason, "eval", "--model", model, "--data", files.Data);
    }

    [Fact]
    public void TheValidArchitectureLoads()
    {
        // Guards the tests above: the text they corrupt is exactly what the writer produces.
        Assert.Equal(Valid, ArchitectureJson.Write(HostileFiles.Small with { CodeLayer = 0 }));
        using var files = new HostileFiles();
        var model = files.ModelWithArchitecture("good.safetensors", Valid);
        var (code, _, err) = Run("eval", "--model", model, "--data", files.Data, "--threads", "1");
        Assert.True(code == 0, err);
    }

    [Fact]
    public void TensorsThatDisagreeWithTheArchitectureAreOneLine()
    {
        using var files = new HostileFiles();
        var extra = files.Model("extra.safetensors", (tensors, _) => tensors["encoder.9.weight"] = ([1], [0f]));
        AssertUsageError($"{extra}: tensor 'encoder.9.weight' is not part of the architecture", "eval", "--model", extra, "--data", files.Data);
        var missing = files.Model("missing.safetensors", (tensors, _) => tensors.Remove("decoder.0.bias"));
        AssertUsageError($"{missing}: tensor 'decoder.0.bias' is missing", "eval", "--model", missing, "--data", files.Data);
    }

    [Theory]
    [InlineData("encoder.0.weight", float.NaN, "encoder.0.weight holds NaN")]
    [InlineData("decoder.0.bias", float.PositiveInfinity, "decoder.0.bias holds +Infinity")]
    [InlineData("encoder.0.bias", float.NegativeInfinity, "encoder.0.bias holds -Infinity")]
    public void NonFiniteParametersAreRefusedNamingTheTensor(string tensor, float value, string reason)
    {
        using var files = new HostileFiles();
        var model = files.Model("non-finite.safetensors", (tensors, _) => tensors[tensor].Data[3] = value);
        foreach (var command in LoadingCommands(files, model))
        {
            AssertUsageError($"{model}: {reason}", command);
        }

        // inspect refuses it too unless asked to show the values.
        AssertUsageError($"{model}: {reason}", "inspect", model);
        var (code, output, err) = Run("inspect", model, "--non-finite");
        Assert.True(code == 0, err);
        Assert.Contains($"holds 1 {reason.Split(' ')[^1]}", output);
        (code, output, err) = Run("inspect", model, "--non-finite", "--json");
        Assert.True(code == 0, err);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        var listed = doc.RootElement.GetProperty("tensors").EnumerateArray().Single(t => t.GetProperty("name").GetString() == tensor);
        Assert.True(listed.TryGetProperty("non_finite", out _));
    }

    [Fact]
    public async Task MetadataClaimingAHugeLayerOverSmallTensorsIsAFormatErrorNotOutOfMemory()
    {
        // 205 KB of 784-32-784 tensors whose metadata claims a hidden layer of 1,048,576 units
        // (6.6 GB of parameters): compared before anything is allocated, so a 256 MB heap suffices.
        using var files = new HostileFiles();
        var model = files.Model("huge-claim.safetensors", (_, metadata) => metadata[Autoencoder.ArchitectureKey] = Valid.Replace("[784,8,784]", "[784,1048576,784]"), AutoencoderOptions.Shallow);
        Assert.InRange(new FileInfo(model).Length, 200_000, 210_000);
        var (code, err) = await HostileFiles.RunCappedAsync(256, "eval", "--model", model, "--data", files.Data);
        Assert.Equal(2, code);
        Assert.DoesNotContain('\n', err);
        Assert.StartsWith($"error: {model}: tensor 'encoder.0.weight' has shape [32, 784], the architecture metadata (layers 784,1048576,784) needs [1048576, 784]", err);
    }

    [Fact]
    public void ControlCharactersFromTheFileAreEscapedInErrors()
    {
        using var files = new HostileFiles();
        var model = files.ModelWithArchitecture("escape.safetensors", Valid.Replace("\"hidden_activation\":\"relu\"", "\"hidden_activation\":\"\\u001b]0;owned\\u0007\\u001b[2J\""));
        var (code, _, err) = Run("eval", "--model", model, "--data", files.Data);
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain('\u001b', err);
        Assert.DoesNotContain('\u0007', err);
        Assert.Contains("\\u001b]0;owned\\u0007\\u001b[2J", err);

        var named = files.Model("escape-name.safetensors", (tensors, _) => tensors["\u001b[31mred\n"] = ([1], [0f]));
        (code, _, err) = Run("eval", "--model", named, "--data", files.Data);
        Assert.Equal(2, code);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain('\u001b', err);
        Assert.Contains("\\u001b[31mred\\u000a", err);
    }
}
