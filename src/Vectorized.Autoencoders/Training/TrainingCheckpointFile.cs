using System.Globalization;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Training;

/// <summary>
/// A training checkpoint as one safetensors file: the model's tensors under their usual names (so the
/// file also loads as a model), the optimizer moments as <c>optimizer.m</c> / <c>optimizer.v</c>, and
/// step, position and generator state in the metadata. Written atomically.
/// </summary>
public static class TrainingCheckpointFile
{
    /// <summary>The Serialization layer's checkpoint marker, so <c>vecae inspect</c> recognises the file.</summary>
    public const string KindKey = Serialization.CheckpointFile.KindKey;

    public const string KindValue = Serialization.CheckpointFile.KindValue;

    /// <summary>The metadata key of <see cref="TrainingCheckpoint.Streams"/> (absent: <see cref="RandomStreams.Vecae"/>).</summary>
    public const string StreamsKey = "rng_streams";

    /// <summary>The metadata key of <see cref="TrainingCheckpoint.LatentNoiseRngState"/> (variational models only).</summary>
    public const string LatentNoiseRngKey = "latent_noise_rng";

    /// <summary>Saves <paramref name="checkpoint"/>; <paramref name="extra"/> metadata (e.g. the run's flags) is stored alongside.</summary>
    public static void Save(string path, TrainingCheckpoint checkpoint, IReadOnlyList<(string Key, string Value)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var model = Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
        var tensors = model.StateDict();
        tensors.Add((Moment1Name, [checkpoint.Moment1.Length], checkpoint.Moment1));
        tensors.Add((Moment2Name, [checkpoint.Moment2.Length], checkpoint.Moment2));
        var metadata = new List<(string, string)>
        {
            ("format", "pt"),
            (Autoencoder.ArchitectureKey, ArchitectureJson.Write(checkpoint.Architecture)),
            (KindKey, KindValue),
            ("step", checkpoint.Step.ToString(CultureInfo.InvariantCulture)),
            ("completed_epochs", checkpoint.CompletedEpochs.ToString(CultureInfo.InvariantCulture)),
            ("batch_in_epoch", checkpoint.BatchInEpoch.ToString(CultureInfo.InvariantCulture)),
            // Hex of the double's bits: the running loss sum comes back exactly.
            ("epoch_loss_sum", BitConverter.DoubleToInt64Bits(checkpoint.EpochLossSum).ToString("x16", CultureInfo.InvariantCulture)),
            ("epoch_start_rng", Hex(checkpoint.EpochStartRngState)),
            ("rng", Hex(checkpoint.RngState)),
            (StreamsKey, RandomStreamsNames.Name(checkpoint.Streams)),
        };
        if (checkpoint.LatentNoiseRngState is { } latentNoise)
        {
            metadata.Add((LatentNoiseRngKey, Hex([.. latentNoise])));
        }

        if (extra is not null)
        {
            metadata.AddRange(extra);
        }

        TensorFile.Write(path, tensors, metadata);
    }

    /// <summary>
    /// Reads a checkpoint; returns it and all metadata. Malformed files throw <see cref="FileFormatException"/>
    /// naming the file: everything <see cref="Autoencoder.Load"/> refuses, and a missing or out-of-range
    /// position or generator state, optimizer moments of the wrong size, or NaN or infinite optimizer state.
    /// </summary>
    public static (TrainingCheckpoint Checkpoint, IReadOnlyDictionary<string, string> Metadata) Load(string path)
    {
        var (tensors, metadata) = TensorFile.Read(path);
        if (!IsCheckpoint(metadata))
        {
            throw new FileFormatException(path, $"not a training checkpoint (a model file has no optimizer state)");
        }

        return (FromTensors(path, tensors, metadata), metadata);
    }

    /// <summary>
    /// Reads a model file, or the model of a checkpoint checked whole (optimizer state and position
    /// too, as <see cref="Load"/> checks it): what a command given either kind of file should use.
    /// </summary>
    public static Autoencoder LoadModel(string path)
    {
        var (tensors, metadata) = TensorFile.Read(path);
        if (!IsCheckpoint(metadata))
        {
            return Autoencoder.FromTensors(path, tensors, metadata, []);
        }

        var checkpoint = FromTensors(path, tensors, metadata);
        return Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
    }

    internal static bool IsCheckpoint(Dictionary<string, string> metadata) => metadata.TryGetValue(KindKey, out var kind) && kind == KindValue;

    /// <summary>The checkpoint in a file already read; validates it as <see cref="Load"/> describes.</summary>
    internal static TrainingCheckpoint FromTensors(string path, Dictionary<string, (int[] Shape, float[] Data)> tensors, Dictionary<string, string> metadata)
    {
        var model = Autoencoder.FromTensors(path, tensors, metadata, [Moment1Name, Moment2Name]);
        var moment1 = Moment(path, tensors, Moment1Name, model.ParameterCount, emptyAllowed: false);
        // SGD with momentum keeps one moment; Adam two.
        var moment2 = Moment(path, tensors, Moment2Name, model.ParameterCount, emptyAllowed: true);
        var lossSum = BitConverter.Int64BitsToDouble((long)Hex(path, metadata, "epoch_loss_sum"));
        if (!double.IsFinite(lossSum) || lossSum < 0)
        {
            throw new FileFormatException(path, $"checkpoint metadata 'epoch_loss_sum' is {lossSum.ToString("R", CultureInfo.InvariantCulture)}, not a finite sum of losses");
        }

        var streams = RandomStreams.Vecae;
        // Checkpoints written before the option existed used the engine's own streams.
        if (metadata.TryGetValue(StreamsKey, out var streamsName) && !RandomStreamsNames.TryParse(streamsName, out streams))
        {
            throw new FileFormatException(path, $"checkpoint metadata '{StreamsKey}' is '{SafetensorsHeaderParser.Printable(streamsName)}', not vecae or pytorch");
        }

        var checkpoint = new TrainingCheckpoint(
            model.Options,
            model.Parameters,
            moment1,
            moment2,
            Integer(path, metadata, "step", long.MaxValue),
            (int)Integer(path, metadata, "completed_epochs", int.MaxValue),
            (int)Integer(path, metadata, "batch_in_epoch", int.MaxValue),
            lossSum,
            RngState(path, metadata, "epoch_start_rng"),
            RngState(path, metadata, "rng"))
        {
            Streams = streams,
            // Absent in checkpoints of the other models, and in variational ones written before it was stored.
            LatentNoiseRngState = metadata.ContainsKey(LatentNoiseRngKey) ? RngState(path, metadata, LatentNoiseRngKey) : null,
        };
        return checkpoint;
    }

    private const string Moment1Name = "optimizer.m";
    private const string Moment2Name = "optimizer.v";

    /// <summary>An optimizer moment: one dimension of <paramref name="count"/> finite values (or none when <paramref name="emptyAllowed"/>).</summary>
    private static float[] Moment(string path, Dictionary<string, (int[] Shape, float[] Data)> tensors, string name, int count, bool emptyAllowed)
    {
        if (!tensors.TryGetValue(name, out var t))
        {
            throw new FileFormatException(path, $"tensor '{name}' is missing");
        }

        if (t.Shape.Length != 1 || (t.Shape[0] != count && !(emptyAllowed && t.Shape[0] == 0)))
        {
            throw new FileFormatException(path, $"tensor '{name}' has shape [{string.Join(", ", t.Shape)}], the model's {count} parameters need [{count}]");
        }

        Autoencoder.RequireFinite(path, name, t.Data);
        return t.Data;
    }

    private static string Value(string path, Dictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) ? text : throw new FileFormatException(path, $"checkpoint metadata has no '{key}'");

    /// <summary>A decimal integer in [0, <paramref name="max"/>], digits only.</summary>
    private static long Integer(string path, Dictionary<string, string> metadata, string key, long max)
    {
        var text = Value(path, metadata, key);
        return text.Length > 0 && text.All(char.IsAsciiDigit) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw new FileFormatException(path, $"checkpoint metadata '{key}' is '{SafetensorsHeaderParser.Printable(text)}', not an integer in [0, {max}]");
    }

    /// <summary>Exactly 16 hex digits.</summary>
    private static ulong Hex(string path, Dictionary<string, string> metadata, string key) =>
        ParseHex16(Value(path, metadata, key)) ?? throw new FileFormatException(path, $"checkpoint metadata '{key}' is '{SafetensorsHeaderParser.Printable(metadata[key])}', not 16 hex digits");

    /// <summary>Four colon-separated 16-hex-digit words, not all zero (a xoshiro256 state).</summary>
    private static ulong[] RngState(string path, Dictionary<string, string> metadata, string key)
    {
        var text = Value(path, metadata, key);
        var parts = text.Split(':');
        var state = parts.Length == 4 ? parts.Select(ParseHex16).ToArray() : [];
        if (state.Length != 4 || state.Any(s => s is null) || state.All(s => s == 0))
        {
            throw new FileFormatException(path, $"checkpoint metadata '{key}' is '{SafetensorsHeaderParser.Printable(text)}', not four 16-hex-digit words, not all zero");
        }

        return state.Select(s => s!.Value).ToArray();
    }

    private static ulong? ParseHex16(string text) =>
        text.Length == 16 && text.All(char.IsAsciiHexDigit) && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Hex(ulong[] state) => string.Join(":", state.Select(s => s.ToString("x16", CultureInfo.InvariantCulture)));
}
