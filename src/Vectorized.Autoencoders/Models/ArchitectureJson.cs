using System.Globalization;
using System.Text;
using System.Text.Json;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;

namespace Vectorized.Autoencoders.Models;

/// <summary>An <see cref="AutoencoderOptions"/> as the JSON string stored in a model file's metadata (AOT-safe: no reflection).</summary>
internal static class ArchitectureJson
{
    public static string Write(AutoencoderOptions options)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("layers");
            foreach (var size in options.LayerSizes)
            {
                json.WriteNumberValue(size);
            }

            json.WriteEndArray();
            json.WriteString("hidden_activation", ActivationFunctions.Name(options.HiddenActivation));
            json.WriteString("output_activation", ActivationFunctions.Name(options.OutputActivation));
            json.WriteNumber("code_layer", options.ResolvedCodeLayer);
            json.WriteString("loss", options.Loss == Loss.BinaryCrossEntropy ? "bce" : "mse");
            json.WriteNumber("l1", options.CodeRegularizer.L1);
            json.WriteNumber("l2", options.CodeRegularizer.L2);
            json.WriteBoolean("per_sample_penalty", options.CodeRegularizer.PerSample);
            json.WriteNumber("weight_decay", options.WeightDecay);
            json.WriteString("initializer", WeightInitialization.Name(options.Initializer));
            // Only variational models carry the key, so the dense models' files keep their bytes.
            if (options.IsVariational)
            {
                json.WriteNumber("latent", options.LatentSize);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Parses <see cref="Write"/>'s output; throws <see cref="FormatException"/> with the reason.</summary>
    public static AutoencoderOptions Read(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            var layers = root.GetProperty("layers").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var l1 = root.TryGetProperty("l1", out var l1e) ? l1e.GetSingle() : 0f;
            var l2 = root.TryGetProperty("l2", out var l2e) ? l2e.GetSingle() : 0f;
            var perSample = root.TryGetProperty("per_sample_penalty", out var ps) && ps.GetBoolean();
            var options = new AutoencoderOptions
            {
                LayerSizes = layers,
                HiddenActivation = ActivationFunctions.Parse(root.GetProperty("hidden_activation").GetString()!),
                OutputActivation = ActivationFunctions.Parse(root.GetProperty("output_activation").GetString()!),
                CodeLayer = root.GetProperty("code_layer").GetInt32(),
                Loss = root.GetProperty("loss").GetString() switch
                {
                    "bce" => Loss.BinaryCrossEntropy,
                    "mse" => Loss.MeanSquaredError,
                    var other => throw new FormatException($"unknown loss '{other}'"),
                },
                CodeRegularizer = new ActivityRegularizer(l1, l2, perSample),
                WeightDecay = root.TryGetProperty("weight_decay", out var wd) ? wd.GetSingle() : 0f,
                Initializer = root.TryGetProperty("initializer", out var ini) ? WeightInitialization.Parse(ini.GetString()!) : Initializer.GlorotUniform,
                LatentSize = root.TryGetProperty("latent", out var latent) ? latent.GetInt32() : 0,
            };
            options.Validate();
            return options;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException)
        {
            throw new FormatException($"architecture metadata is not valid: {e.Message}", e);
        }
    }

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
