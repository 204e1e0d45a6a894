using System.Globalization;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization;
using Vectorized.Autoencoders.Serialization.Npy;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae inspect FILE</c>: what a safetensors model, a checkpoint or an IDX file holds. Only the
/// header is kept in memory (the rest is validated as it streams past), so a file that claims
/// terabytes costs nothing, and a malformed file ends as one line: <c>error: FILE: reason</c>.
/// </summary>
public static class InspectCommand
{
    private const string NonFiniteFlag = "non-finite";

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var json = args.Flag("json");
        var showNonFinite = args.Flag(NonFiniteFlag);
        if (args.Help)
        {
            stdout.WriteLine($"usage: vecae inspect FILE [--json] [--{NonFiniteFlag}]");
            stdout.WriteLine("prints what a safetensors model, a checkpoint, an IDX file (raw or gzip) or a NumPy .npy file holds:");
            stdout.WriteLine("tensor names, dtypes, shapes and metadata, the IDX element type and dimensions, or the .npy dtype and shape;");
            stdout.WriteLine("--json prints one JSON object instead. A safetensors file whose F32 tensors hold NaN or");
            stdout.WriteLine($"infinite values is refused as every loader refuses it, unless --{NonFiniteFlag} asks to list them");
            return 0;
        }

        args.EnsureAllUsed(maxPositionals: 1);
        if (args.Positionals.Count == 0)
        {
            throw new CliException("inspect: which file? usage: vecae inspect FILE");
        }

        var path = args.Positionals[0];
        try
        {
            if (SampleMatrix.IsNpy(path))
            {
                var header = NpyReader.ReadHeader(path);
                if (json)
                {
                    InspectNpy.Json(path, header, stdout);
                }
                else
                {
                    InspectNpy.Print(path, header, stdout);
                }
            }
            else if (IsIdx(path))
            {
                var header = IdxReader.ReadHeader(path);
                if (json)
                {
                    InspectJson.WriteIdx(path, header, stdout);
                }
                else
                {
                    PrintIdx(path, header, stdout);
                }
            }
            else
            {
                var scan = SafetensorsFile.Scan(path);
                var nonFinite = InspectNonFinite.Count(path, scan);
                if (nonFinite.Count > 0 && !showNonFinite)
                {
                    var (name, counts) = nonFinite[0];
                    throw new FileFormatException(path, $"{OneLine(name)} holds {counts.First} ({nonFinite.Count} tensors hold NaN or infinite values; --{NonFiniteFlag} lists them)");
                }

                var byName = nonFinite.ToDictionary(t => t.Name, t => t.Counts, StringComparer.Ordinal);
                if (json)
                {
                    InspectJson.WriteSafetensors(scan, byName, stdout);
                }
                else
                {
                    PrintSafetensors(path, scan, byName, stdout);
                }
            }
        }
        catch (FileFormatException e)
        {
            throw new CliException(e.Message);
        }
        catch (IOException e)
        {
            throw new CliException($"{path}: cannot read ({e.Message})");
        }

        return 0;
    }

    /// <summary>
    /// Chooses the reader by content first: a '{' at byte 8 (where a safetensors header starts)
    /// means safetensors; gzip, or two zero bytes and a known type code, mean IDX. Only a file that matches neither
    /// (already malformed) is judged by its name, so its error comes from the reader it was meant for.
    /// </summary>
    private static bool IsIdx(string path)
    {
        Span<byte> start = stackalloc byte[9];
        int got;
        using (var stream = OpenForSniffing(path))
        {
            got = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        }

        start = start[..got];
        if (got >= 9 && start[8] == (byte)'{')
        {
            return false;
        }

        if (IdxReader.LooksLikeIdx(start))
        {
            return true;
        }

        var name = Path.GetFileName(path);
        return !name.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
            && (name.Contains("idx", StringComparison.OrdinalIgnoreCase) || name.Contains("ubyte", StringComparison.OrdinalIgnoreCase));
    }

    private static FileStream OpenForSniffing(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new FileFormatException(path, "is a folder, not a file");
            }

            var stream = File.OpenRead(path);
            if (!stream.CanSeek)
            {
                // Sniffing would eat the first bytes of a pipe, and the readers check sizes against a length it does not have.
                stream.Dispose();
                throw new FileFormatException(path, "not a regular file");
            }

            return stream;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileFormatException(path, "no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new FileFormatException(path, "permission denied");
        }
    }

    private static void PrintIdx(string path, IdxHeader header, TextWriter stdout)
    {
        stdout.WriteLine($"{OneLine(path)}: IDX");
        stdout.WriteLine($"  type:       {IdxTypes.Name(header.Type)} (0x{(byte)header.Type:X2})");
        stdout.WriteLine($"  dimensions: {header.ShapeText}");
        stdout.WriteLine($"  elements:   {header.ElementCount.ToString("N0", CultureInfo.InvariantCulture)} ({header.DataLength.ToString("N0", CultureInfo.InvariantCulture)} data bytes)");
    }

    private static void PrintSafetensors(string path, SafetensorsScan scan, Dictionary<string, InspectNonFinite.Counts> nonFinite, TextWriter stdout)
    {
        var kind = scan.IsCheckpoint ? "checkpoint (safetensors)" : "safetensors";
        stdout.WriteLine($"{OneLine(path)}: {kind}, {scan.TensorCount} tensors, {scan.DataLength.ToString("N0", CultureInfo.InvariantCulture)} data bytes, {scan.HeaderLength.ToString("N0", CultureInfo.InvariantCulture)}-byte header");
        if (scan.Metadata.Count > 0)
        {
            stdout.WriteLine("metadata:");
            foreach (var (key, value) in scan.Metadata)
            {
                stdout.WriteLine($"  {OneLine(key)}: {OneLine(value)}");
            }
        }

        if (scan.TensorCount == 0)
        {
            return;
        }

        // Names are padded to the longest of the first few so the columns line up without a second pass.
        var width = 0;
        var seen = 0;
        scan.ForEachTensor(t => width = seen++ < 64 ? Math.Max(width, Math.Min(48, OneLine(t.Name).Length)) : width);

        stdout.WriteLine("tensors:");
        long elements = 0;
        scan.ForEachTensor(t =>
        {
            var values = nonFinite.TryGetValue(t.Name, out var counts) ? $"  holds {counts.Text}" : "";
            stdout.WriteLine($"  {OneLine(t.Name).PadRight(width)}  {t.DType,-7} {t.ShapeText}{values}");
            elements += t.ElementCount;
        });

        stdout.WriteLine($"elements: {elements.ToString("N0", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Keeps a value from the file on one line: control characters escaped, long text cut.</summary>
    private static string OneLine(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (builder.Length >= 200)
            {
                builder.Append("...");
                break;
            }

            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
