using System.Text.Json;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// The <c>history</c> metadata of a checkpoint <c>vecae train</c> wrote: a JSON array holding one
/// <see cref="TrainCommand.EpochJson"/> object per completed epoch. On resume every entry is checked
/// (an object of known fields, epochs numbered 1, 2, ..., one per completed epoch, each number
/// finite or null with its <c>_not_finite</c> reason) before it is copied into the new history.json.
/// </summary>
internal static class TrainHistoryMetadata
{
    public const string Key = "history";

    private static readonly string[] NumberFields = ["train_loss", "test_loss", "test_reconstruction_loss", "mean_code", "zero_fraction", "seconds"];

    /// <summary>The entries as JSON text; a checkpoint without the key (written by the library alone) has none.</summary>
    public static List<string> Read(string path, IReadOnlyDictionary<string, string> metadata, int completedEpochs)
    {
        var entries = new List<string>();
        if (!metadata.TryGetValue(Key, out var text))
        {
            return entries;
        }

        const string What = "checkpoint metadata 'history'";
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 4 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{What} is {Describe(root)}, not an array of epochs");
            }

            if (root.GetArrayLength() != completedEpochs)
            {
                throw new FormatException($"{What} lists {root.GetArrayLength()} epochs, the checkpoint has completed {completedEpochs}");
            }

            foreach (var entry in root.EnumerateArray())
            {
                CheckEntry(entry, entries.Count + 1, What);
                entries.Add(entry.GetRawText());
            }
        }
        catch (JsonException e)
        {
            throw new FileFormatException(path, $"{What} is not valid JSON ({e.Message.Split('\n')[0].TrimEnd('.')})");
        }
        catch (FormatException e)
        {
            throw new FileFormatException(path, e.Message);
        }

        return entries;
    }

    private static void CheckEntry(JsonElement entry, int epoch, string what)
    {
        var where = $"{what}: epoch {epoch}";
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{where} is {Describe(entry)}, not an object");
        }

        foreach (var property in entry.EnumerateObject())
        {
            var name = property.Name;
            var known = name == "epoch" || NumberFields.Contains(name)
                || (name.EndsWith("_not_finite", StringComparison.Ordinal) && NumberFields.Contains(name[..^"_not_finite".Length]));
            if (!known)
            {
                throw new FormatException($"{where} has an unknown field '{name}'");
            }
        }

        if (!entry.TryGetProperty("epoch", out var number) || number.ValueKind != JsonValueKind.Number || !number.TryGetInt32(out var value) || value != epoch)
        {
            throw new FormatException($"{where}: 'epoch' must be the number {epoch}");
        }

        foreach (var field in NumberFields)
        {
            if (!entry.TryGetProperty(field, out var x))
            {
                throw new FormatException($"{where} has no '{field}'");
            }

            var hasReason = entry.TryGetProperty(field + "_not_finite", out var reason);
            var ok = x.ValueKind switch
            {
                // A number JSON can hold may still overflow a double: that is not what train wrote.
                JsonValueKind.Number => !hasReason && x.TryGetDouble(out var d) && double.IsFinite(d),
                JsonValueKind.Null => hasReason && reason.ValueKind == JsonValueKind.String && reason.GetString() is "NaN" or "Infinity" or "-Infinity",
                _ => false,
            };
            if (!ok)
            {
                throw new FormatException($"{where}: '{field}' must be a finite number, or null with '{field}_not_finite' saying NaN, Infinity or -Infinity");
            }
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };
}
