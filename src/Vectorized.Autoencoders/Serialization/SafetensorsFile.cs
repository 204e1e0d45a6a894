using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Serialization;

/// <summary>
/// A safetensors file read into memory and validated: its metadata, its tensors' names, dtypes
/// and shapes, and their bytes. Every malformed input throws <see cref="FileFormatException"/>,
/// and nothing is allocated beyond what the file's real length justifies.
/// </summary>
public sealed class SafetensorsFile
{
    private readonly byte[] _data;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;

    private SafetensorsFile(string name, SafetensorsHeader header, byte[] data)
    {
        Name = name;
        Header = header;
        _data = data;
        _byName = header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The path (or name) the file was read from, used in errors.</summary>
    public string Name { get; }

    public SafetensorsHeader Header { get; }

    /// <summary>The <c>__metadata__</c> map (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata => Header.Metadata;

    /// <summary>The tensors in the order of their bytes in the file.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors => Header.Tensors;

    /// <summary>Reads and validates the whole file.</summary>
    public static SafetensorsFile Read(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads and validates a file held in memory.</summary>
    public static SafetensorsFile Read(ReadOnlyMemory<byte> bytes, string name)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        return Read(stream, name);
    }

    /// <summary>Reads from a seekable stream positioned at the file's first byte; its length is the file's length.</summary>
    public static SafetensorsFile Read(Stream stream, string name)
    {
        var header = ReadHeader(stream, name);
        if (header.DataLength > Array.MaxLength)
        {
            throw new FileFormatException(name, $"{header.DataLength} bytes of tensor data, more than the {Array.MaxLength} this reader holds in memory");
        }

        var data = header.DataLength == 0 ? [] : GC.AllocateUninitializedArray<byte>((int)header.DataLength);
        var got = SafeFile.ReadUpTo(stream, data);
        if (got != data.Length)
        {
            // The length was checked up front, so only a file that shrank while being read lands here.
            throw new FileFormatException(name, $"truncated: expected {data.Length} data bytes, read {got}");
        }

        return new SafetensorsFile(name, header, data);
    }

    /// <summary>Reads and validates the header against the file's length without reading the tensor data.</summary>
    public static SafetensorsHeader ReadHeader(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>
    /// Validates the length prefix against the stream's length before allocating the header, then
    /// parses it; leaves the stream at the start of the data section.
    /// </summary>
    public static SafetensorsHeader ReadHeader(Stream stream, string name)
    {
        var (json, dataLength) = ReadHeaderBytes(stream, name);
        return SafetensorsHeaderParser.Parse(json, dataLength, name);
    }

    /// <summary>
    /// Validates a file as <see cref="ReadHeader(string)"/> does, keeping only a few bytes per
    /// tensor; the tensors are then listed one at a time. For tools (<c>vecae inspect</c>) whose
    /// memory must stay small whatever the header holds.
    /// </summary>
    public static SafetensorsScan Scan(string path)
    {
        using var stream = SafeFile.OpenRead(path);
        return Scan(stream, path);
    }

    /// <summary>Scans a seekable stream positioned at the file's first byte; its length is the file's length.</summary>
    public static SafetensorsScan Scan(Stream stream, string name)
    {
        var (json, dataLength) = ReadHeaderBytes(stream, name);
        var (metadata, count) = SafetensorsHeaderParser.Validate(json, dataLength, name);
        return new SafetensorsScan(name, json, metadata, count, dataLength);
    }

    /// <summary>Reads the 8-byte length and the header it announces, after checking it against the limit and the stream's length.</summary>
    private static (byte[] Json, long DataLength) ReadHeaderBytes(Stream stream, string name)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the safetensors reader needs a seekable stream", nameof(stream));
        }

        var fileLength = stream.Length - stream.Position;
        Span<byte> prefix = stackalloc byte[8];
        var got = SafeFile.ReadUpTo(stream, prefix);
        if (got < 8)
        {
            throw new FileFormatException(name, got == 0 ? "file is empty" : $"file has {got} bytes, too short for the 8-byte header length");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > SafetensorsFormat.MaxHeaderLength)
        {
            throw new FileFormatException(name, $"header length {headerLength} is more than the {SafetensorsFormat.MaxHeaderLength}-byte limit");
        }

        if ((long)headerLength > fileLength - 8)
        {
            throw new FileFormatException(name, $"header length {headerLength} runs past the end of the file ({fileLength - 8} bytes follow the length)");
        }

        var json = GC.AllocateUninitializedArray<byte>((int)headerLength);
        got = SafeFile.ReadUpTo(stream, json);
        if (got != json.Length)
        {
            throw new FileFormatException(name, $"truncated: expected {json.Length} header bytes, read {got}");
        }

        return (json, fileLength - 8 - (long)headerLength);
    }

    public bool Contains(string tensorName) => _byName.ContainsKey(tensorName);

    /// <summary>The entry of <paramref name="tensorName"/>; a missing name is a <see cref="FileFormatException"/> (the file lacks it).</summary>
    public SafetensorsTensorInfo GetInfo(string tensorName) =>
        _byName.TryGetValue(tensorName, out var info) ? info : throw new FileFormatException(Name, $"no tensor named '{tensorName}'");

    /// <summary>The raw little-endian bytes of a tensor: [ElementCount * dtype size].</summary>
    public ReadOnlySpan<byte> GetBytes(string tensorName)
    {
        var info = GetInfo(tensorName);
        return _data.AsSpan((int)info.Begin, (int)info.ByteLength);
    }

    /// <summary>A copy of a float32 tensor's elements: [ElementCount], row-major.</summary>
    public float[] GetFloat32(string tensorName)
    {
        var values = new float[GetInfo(tensorName).ElementCount];
        CopyFloat32(tensorName, values);
        return values;
    }

    /// <summary>Copies a float32 tensor into <paramref name="destination"/> (e.g. a slice of a flat parameter buffer) without allocating.</summary>
    /// <param name="destination">[ElementCount].</param>
    public void CopyFloat32(string tensorName, Span<float> destination)
    {
        var info = GetInfo(tensorName);
        if (info.DType != SafetensorsDType.F32)
        {
            throw new FileFormatException(Name, $"tensor '{tensorName}' is {info.DType}, expected F32");
        }

        if (destination.Length != info.ElementCount)
        {
            throw new FileFormatException(Name, $"tensor '{tensorName}' has {info.ElementCount} elements {info.ShapeText}, expected {destination.Length}");
        }

        var bytes = _data.AsSpan((int)info.Begin, (int)info.ByteLength);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
            return;
        }

        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
        }
    }
}
