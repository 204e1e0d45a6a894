using System.Globalization;
using System.Text;
using System.Text.Json;
using Vectorized.Autoencoders.Layers;
using Vectorized.Autoencoders.Losses;
using Vectorized.Autoencoders.Serialization;

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

            // Likewise only convolutional models carry their architecture's name.
            if (options.IsConvolutional)
            {
                json.WriteString("conv", ConvolutionName(options.Convolution));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Parses <see cref="Write"/>'s output, checking every field's presence, type and range (the
    /// regularizer, weight-decay and initializer fields may be absent: older files lack them);
    /// throws <see cref="FormatException"/> naming the field.
    /// </summary>
    public static AutoencoderOptions Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string What = "architecture metadata";
        using var doc = JsonFields.Parse(text, What);
        var root = doc.RootElement;
        JsonFields.RequireObject(root, What, "layers", "hidden_activation", "output_activation", "code_layer", "loss", "l1", "l2", "per_sample_penalty", "weight_decay", "initializer", "latent", "conv");
        var layers = ReadLayers(JsonFields.Required(root, What, "layers"), What);
        var options = new AutoencoderOptions
        {
            LayerSizes = layers,
            HiddenActivation = Parse(root, What, "hidden_activation", ActivationFunctions.Parse),
            OutputActivation = Parse(root, What, "output_activation", ActivationFunctions.Parse),
            CodeLayer = JsonFields.Int32(JsonFields.Required(root, What, "code_layer"), What, "code_layer", -1, layers.Length - 2),
            Loss = Parse(root, What, "loss", name => name switch
            {
                "bce" => Loss.BinaryCrossEntropy,
                "mse" => Loss.MeanSquaredError,
                _ => throw new ArgumentException("expected bce or mse"),
            }),
            CodeRegularizer = new ActivityRegularizer(
                Optional(root, "l1", 0f, v => JsonFields.NonNegativeSingle(v, What, "l1")),
                Optional(root, "l2", 0f, v => JsonFields.NonNegativeSingle(v, What, "l2")),
                Optional(root, "per_sample_penalty", false, v => JsonFields.Boolean(v, What, "per_sample_penalty"))),
            WeightDecay = Optional(root, "weight_decay", 0f, v => JsonFields.NonNegativeSingle(v, What, "weight_decay")),
            Initializer = root.TryGetProperty("initializer", out _) ? Parse(root, What, "initializer", WeightInitialization.Parse) : Initializer.GlorotUniform,
            // Only variational models carry it (see Write).
            LatentSize = Optional(root, "latent", 0, v => JsonFields.Int32(v, What, "latent", 1, AutoencoderOptions.MaxLayerSize)),
            Convolution = root.TryGetProperty("conv", out _) ? Parse(root, What, "conv", ParseConvolution) : ConvolutionalArchitecture.None,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{What}: {e.Message.TrimEnd('.')}", e);
        }

        return options;
    }

    /// <summary>The name of a convolutional architecture in the metadata: <c>pytorch_convae.py</c>'s <c>--arch</c>.</summary>
    public static string ConvolutionName(ConvolutionalArchitecture architecture) => architecture switch
    {
        ConvolutionalArchitecture.Small => "small",
        ConvolutionalArchitecture.Denoising => "denoise",
        _ => "none",
    };

    private static ConvolutionalArchitecture ParseConvolution(string name) => name switch
    {
        "small" => ConvolutionalArchitecture.Small,
        "denoise" => ConvolutionalArchitecture.Denoising,
        _ => throw new ArgumentException("expected small or denoise"),
    };

    /// <summary>Layer sizes: an array of at least two integers, each in the range <see cref="AutoencoderOptions.Validate"/> allows.</summary>
    private static int[] ReadLayers(JsonElement value, string what)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{what}: 'layers' is {JsonFields.Describe(value)}, not an array of sizes");
        }

        var count = value.GetArrayLength();
        if (count < 2)
        {
            throw new FormatException($"{what}: 'layers' has {count} sizes; a model has at least an input and an output size");
        }

        var layers = new int[count];
        var i = 0;
        foreach (var size in value.EnumerateArray())
        {
            layers[i] = JsonFields.Int32(size, what, $"layers[{i}]", 1, AutoencoderOptions.MaxLayerSize);
            i++;
        }

        return layers;
    }

    private static T Parse<T>(JsonElement root, string what, string name, Func<string, T> parse)
    {
        var text = JsonFields.String(JsonFields.Required(root, what, name), what, name);
        try
        {
            return parse(text);
        }
        catch (ArgumentException)
        {
            throw new FormatException($"{what}: '{name}' is \"{SafetensorsHeaderParser.Printable(text)}\", not a known name");
        }
    }

    private static T Optional<T>(JsonElement root, string name, T absent, Func<JsonElement, T> read) =>
        root.TryGetProperty(name, out var value) ? read(value) : absent;

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
