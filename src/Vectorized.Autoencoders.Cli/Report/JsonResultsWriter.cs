using System.Text;
using System.Text.Json;
using Vectorized.Autoencoders.Randomness;

namespace Vectorized.Autoencoders.Cli.Report;

/// <summary>
/// The report's numbers as <c>results.json</c> beside <c>index.html</c>, for scripts and CI:
/// per experiment the per-seed losses and code means, and every target with this run's mean
/// and whether it was met. Written with <see cref="Utf8JsonWriter"/> (no reflection: AOT-safe).
/// </summary>
public static class JsonResultsWriter
{
    public static string Render(RunSummary run)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("version", run.Version);
            json.WriteBoolean("quick", run.Quick);
            json.WriteString("rng", RandomStreamsNames.Name(run.Streams));
            json.WriteNumber("total_seconds", Math.Round(run.TotalSeconds, 3));
            json.WriteStartObject("machine");
            json.WriteString("cpu", run.Machine.Cpu);
            json.WriteString("isa", run.Machine.Isa);
            json.WriteNumber("threads", run.Machine.Threads);
            json.WriteNumber("logical_cores", run.Machine.LogicalCores);
            json.WriteEndObject();

            json.WriteStartArray("experiments");
            foreach (var e in run.Experiments)
            {
                json.WriteStartObject();
                json.WriteString("key", e.Spec.Key);
                json.WriteNumber("epochs", e.EpochsRun);
                Numbers(json, "seeds", e.Seeds.Select(s => (double)s));
                json.WriteStartArray("train_loss");
                foreach (var history in e.TrainLoss)
                {
                    Numbers(json, null, history);
                }

                json.WriteEndArray();
                Numbers(json, "test_loss", e.TestLoss);
                Numbers(json, "mean_code", e.MeanCode);
                Number(json, "seconds_per_epoch", e.SecondsPerEpoch);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("targets");
            foreach (var (experiment, number, value) in HtmlReportWriter.Targets(run))
            {
                json.WriteStartObject();
                json.WriteString("experiment", experiment.Spec.Key);
                json.WriteString("number", HtmlReportWriter.Describe(number));
                Number(json, "article", number.Article);
                Number(json, "this_run", value);
                Number(json, "max", number.Max);
                Number(json, "min", number.Min);
                json.WriteBoolean("met", number.Meets(value));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (run.CodeMap is { } map)
            {
                Map(json, "tsne", map.Map);
            }

            if (run.PixelMap is { } pixels)
            {
                Map(json, "tsne_pixels", pixels.Map);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Map(Utf8JsonWriter json, string name, CodeMap map)
    {
        json.WriteStartObject(name);
        json.WriteNumber("points", map.Labels.Length);
        Number(json, "knn_accuracy", map.NeighborAccuracy);
        Number(json, "kl_divergence", map.KlDivergence);
        Number(json, "seconds", map.Seconds);
        json.WriteEndObject();
    }

    // JSON has no NaN or infinity: a missing or non-finite number is null.
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Numbers(Utf8JsonWriter json, string? name, IEnumerable<double> values)
    {
        if (name is null)
        {
            json.WriteStartArray();
        }
        else
        {
            json.WriteStartArray(name);
        }

        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                json.WriteNumberValue(v);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }
}
