namespace Vectorized.Autoencoders.Serialization;

/// <summary>The constants of the safetensors layout: <c>[u64 LE n][n bytes of JSON header][data]</c>.</summary>
internal static class SafetensorsFormat
{
    /// <summary>The reference implementation refuses headers larger than this (100 MB).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The header key holding the string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Writers pad the header with spaces to a multiple of this, so the data starts aligned.</summary>
    public const int HeaderAlignment = 8;
}
