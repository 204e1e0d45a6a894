namespace Vectorized.Autoencoders.Serialization;

/// <summary>What a safetensors file's header says, validated against the file's length.</summary>
public sealed class SafetensorsHeader
{
    internal SafetensorsHeader(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafetensorsTensorInfo> tensors, long headerLength, long dataLength)
    {
        Metadata = metadata;
        Tensors = tensors;
        HeaderLength = headerLength;
        DataLength = dataLength;
    }

    /// <summary>The <c>__metadata__</c> map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors in the order of their bytes in the file.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    /// <summary>The header's JSON length in bytes (the first 8 bytes of the file say it).</summary>
    public long HeaderLength { get; }

    /// <summary>Bytes of tensor data after the header.</summary>
    public long DataLength { get; }

    /// <summary>Where the data section starts in the file.</summary>
    public long DataStart => 8 + HeaderLength;
}
