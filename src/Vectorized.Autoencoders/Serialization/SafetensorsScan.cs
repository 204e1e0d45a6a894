namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// A safetensors header that passed every check of the reader, kept as its JSON bytes plus the
/// metadata (long values cut for display); tensors are produced one at a time on request, so
/// listing a header of a million tensors holds one of them at a time.
/// </summary>
public sealed class SafetensorsScan
{
    private readonly byte[] _json;

    internal SafetensorsScan(string name, byte[] json, IReadOnlyDictionary<string, string> metadata, int tensorCount, long dataLength)
    {
        Name = name;
        _json = json;
        Metadata = metadata;
        TensorCount = tensorCount;
        DataLength = dataLength;
    }

    public string Name { get; }

    /// <summary>The <c>__metadata__</c> map; values longer than 4096 bytes end in "...".</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public int TensorCount { get; }

    public long HeaderLength => _json.Length;

    public long DataLength { get; }

    /// <summary>True when the metadata marks the file as a training checkpoint.</summary>
    public bool IsCheckpoint => Metadata.TryGetValue(CheckpointFile.KindKey, out var kind) && kind == CheckpointFile.KindValue;

    /// <summary>Calls <paramref name="visit"/> for each tensor, in the order the header lists them.</summary>
    public void ForEachTensor(Action<SafetensorsTensorInfo> visit) => SafetensorsHeaderParser.ForEachTensor(_json, Name, visit);
}
