using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Models;

namespace Vectorized.Autoencoders.Tests.Cli.Hostile;

/// <summary>
/// A temporary folder with a small MNIST-layout data set, and ways to write model, checkpoint and
/// data files whose bytes are well formed but whose meaning is wrong, as a hostile user would.
/// </summary>
internal sealed class HostileFiles : IDisposable
{
    public static readonly AutoencoderOptions Small = AutoencoderOptions.Shallow with { LayerSizes = [784, 8, 784] };

    private readonly TinyMnist _data;

    public HostileFiles(int train = 96, int test = 24)
    {
        _data = new TinyMnist(train, test);
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The MNIST-layout folder.</summary>
    public string Data => _data.Path;

    /// <summary>A scratch folder for the crafted files and outputs.</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"vecae-hostile-{Guid.NewGuid():N}");

    public string PathOf(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        _data.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A valid model file of <see cref="Small"/>, then rewritten by <paramref name="edit"/>.</summary>
    public string Model(string name, Action<Dictionary<string, (int[] Shape, float[] Data)>, Dictionary<string, string>>? edit = null, AutoencoderOptions? options = null)
    {
        var path = PathOf(name);
        Autoencoder.Create(options ?? Small, seed: 1).Save(path);
        if (edit is not null)
        {
            Rewrite(path, edit);
        }

        return path;
    }

    /// <summary>A model whose architecture metadata is <paramref name="architecture"/>, verbatim.</summary>
    public string ModelWithArchitecture(string name, string architecture) =>
        Model(name, (_, metadata) => metadata[Autoencoder.ArchitectureKey] = architecture);

    /// <summary>The checkpoint of one real epoch of <c>vecae train</c> on the data, then rewritten by <paramref name="edit"/>.</summary>
    public string Checkpoint(string name, Action<Dictionary<string, (int[] Shape, float[] Data)>, Dictionary<string, string>>? edit = null)
    {
        var output = PathOf(name + "-run");
        var (code, _, err) = CommandRunner.Run("train", "--model", "custom", "--layers", "784,8,784", "--epochs", "1", "--batch", "32", "--threads", "1", "--data", Data, "--out", output, "--quiet");
        Assert.True(code == 0, err);
        var path = PathOf(name);
        File.Copy(Path.Combine(output, "checkpoint.safetensors"), path);
        if (edit is not null)
        {
            Rewrite(path, edit);
        }

        return path;
    }

    /// <summary>Reads a safetensors file of F32 tensors, lets <paramref name="edit"/> change it, writes it back.</summary>
    public static void Rewrite(string path, Action<Dictionary<string, (int[] Shape, float[] Data)>, Dictionary<string, string>> edit)
    {
        var (tensors, metadata) = TensorFile.Read(path);
        edit(tensors, metadata);
        TensorFile.Write(
            path,
            tensors.Select(t => (t.Key, t.Value.Shape, (ReadOnlyMemory<float>)t.Value.Data)).ToList(),
            metadata.Select(m => (m.Key, m.Value)).ToList());
    }

    /// <summary>Gzips a data file in place (the raw file is replaced by FILE.gz), then appends <paramref name="trailer"/>.</summary>
    public string Gzip(string fileName, byte[] trailer)
    {
        var raw = Path.Combine(Data, fileName);
        var gz = raw + ".gz";
        using (var output = File.Create(gz))
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(raw));
        }

        File.Delete(raw);
        using (var append = new FileStream(gz, FileMode.Append))
        {
            append.Write(trailer);
        }

        return gz;
    }

    /// <summary>Replaces a data file by an IDX file of the given array.</summary>
    public void ReplaceData<T>(string fileName, ReadOnlySpan<T> values, params int[] dimensions)
        where T : unmanaged => IdxWriter.Write(Path.Combine(Data, fileName), IdxArray.Create(values, dimensions));

    public static string Hex(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs the CLI in a child process whose managed heap is capped at <paramref name="heapLimitMegabytes"/>
    /// (as a container's memory cap would), returning its exit code and stderr.
    /// </summary>
    public static async Task<(int Code, string Err)> RunCappedAsync(int heapLimitMegabytes, params string[] args)
    {
        var vecae = Path.Combine(AppContext.BaseDirectory, "vecae.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var start = new ProcessStartInfo(host, [vecae, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)heapLimitMegabytes << 20).ToString("x", CultureInfo.InvariantCulture);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("could not start vecae");
        var stderrTask = child.StandardError.ReadToEndAsync();
        await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (child.ExitCode, (await stderrTask).TrimEnd());
    }
}
