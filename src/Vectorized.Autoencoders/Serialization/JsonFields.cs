using System.Text.Json;

namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// Reads the fields of a JSON object stored in a file's metadata, checking each one's presence,
/// type and range; every violation is a <see cref="FormatException"/> that names the field, with
/// any text from the file made printable.
/// </summary>
internal static class JsonFields
{
    /// <summary>Parses <paramref name="text"/> refusing duplicate keys, comments and deep nesting.</summary>
    public static JsonDocument Parse(string text, string what)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} is not valid JSON ({SafetensorsHeaderParser.Printable(e.Message.Split('\n')[0].TrimEnd('.'))})", e);
        }
    }

    /// <summary>Throws unless <paramref name="element"/> is an object whose keys are all in <paramref name="known"/>.</summary>
    public static void RequireObject(JsonElement element, string what, params ReadOnlySpan<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{what} is {Describe(element)}, not a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new FormatException($"{what} has an unknown field '{SafetensorsHeaderParser.Printable(property.Name)}'");
            }
        }
    }

    public static JsonElement Required(JsonElement obj, string what, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw new FormatException($"{what} has no '{name}'");

    public static int Int32(JsonElement value, string what, string name, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw new FormatException($"{what}: '{name}' is {Describe(value)}, not an integer");
        }

        return number >= min && number <= max
            ? (int)number
            : throw new FormatException($"{what}: '{name}' is {number}, outside [{min}, {max}]");
    }

    public static string String(JsonElement value, string what, string name) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"{what}: '{name}' is {Describe(value)}, not a string");

    /// <summary>A finite, non-negative float32.</summary>
    public static float NonNegativeSingle(JsonElement value, string what, string name)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
        {
            throw new FormatException($"{what}: '{name}' is {Describe(value)}, not a number");
        }

        var single = (float)number;
        return float.IsFinite(single) && single >= 0f
            ? single
            : throw new FormatException($"{what}: '{name}' is {value.GetRawText()}, not a finite non-negative float32");
    }

    public static bool Boolean(JsonElement value, string what, string name) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new FormatException($"{what}: '{name}' is {Describe(value)}, not true or false"),
    };

    /// <summary>A short description of a value for errors: its kind, and for short scalars the value itself.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.String => $"the string \"{SafetensorsHeaderParser.Printable(value.GetString()!)}\"",
        _ => $"the number {SafetensorsHeaderParser.Printable(value.GetRawText())}",
    };
}
