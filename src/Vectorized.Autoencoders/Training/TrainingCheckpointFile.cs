using System.Globalization;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Randomness;

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

    /// <summary>Saves <paramref name="checkpoint"/>; <paramref name="extra"/> metadata (e.g. the run's flags) is stored alongside.</summary>
    public static void Save(string path, TrainingCheckpoint checkpoint, IReadOnlyList<(string Key, string Value)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var model = Autoencoder.FromParameters(checkpoint.Architecture, checkpoint.Parameters);
        var tensors = model.StateDict();
        tensors.Add(("optimizer.m", [checkpoint.Moment1.Length], checkpoint.Moment1));
        tensors.Add(("optimizer.v", [checkpoint.Moment2.Length], checkpoint.Moment2));
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
        if (extra is not null)
        {
            metadata.AddRange(extra);
        }

        TensorFile.Write(path, tensors, metadata);
    }

    /// <summary>Reads a checkpoint; returns it and all metadata. Malformed files throw <see cref="FileFormatException"/> naming the file.</summary>
    public static (TrainingCheckpoint Checkpoint, IReadOnlyDictionary<string, string> Metadata) Load(string path)
    {
        var (tensors, metadata) = TensorFile.Read(path);
        if (!metadata.TryGetValue(KindKey, out var kind) || kind != KindValue)
        {
            throw new FileFormatException(path, $"not a training checkpoint (a model file has no optimizer state)");
        }

        var model = Autoencoder.FromTensors(path, tensors, metadata);
        try
        {
            var checkpoint = new TrainingCheckpoint(
                model.Options,
                model.Parameters,
                Tensor(path, tensors, "optimizer.m"),
                Tensor(path, tensors, "optimizer.v"),
                long.Parse(metadata["step"], CultureInfo.InvariantCulture),
                int.Parse(metadata["completed_epochs"], CultureInfo.InvariantCulture),
                int.Parse(metadata["batch_in_epoch"], CultureInfo.InvariantCulture),
                BitConverter.Int64BitsToDouble(long.Parse(metadata["epoch_loss_sum"], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
                ParseHex(metadata["epoch_start_rng"]),
                ParseHex(metadata["rng"]))
            {
                // Checkpoints written before the option existed used the engine's own streams.
                Streams = metadata.TryGetValue(StreamsKey, out var streams) ? RandomStreamsNames.Parse(streams) : RandomStreams.Vecae,
            };
            if (checkpoint.Step < 0 || checkpoint.CompletedEpochs < 0 || checkpoint.BatchInEpoch < 0)
            {
                throw new FormatException("negative step or position");
            }

            _ = Xoshiro256.FromState(checkpoint.RngState);
            _ = Xoshiro256.FromState(checkpoint.EpochStartRngState);
            return (checkpoint, metadata);
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException or ArgumentException)
        {
            throw new FileFormatException(path, $"checkpoint metadata is not valid ({e.Message})");
        }
    }

    private static float[] Tensor(string path, Dictionary<string, (int[] Shape, float[] Data)> tensors, string name) =>
        tensors.TryGetValue(name, out var t) ? t.Data : throw new FileFormatException(path, $"tensor '{name}' is missing");

    private static string Hex(ulong[] state) => string.Join(":", state.Select(s => s.ToString("x16", CultureInfo.InvariantCulture)));

    private static ulong[] ParseHex(string text) => text.Split(':').Select(s => ulong.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
}
