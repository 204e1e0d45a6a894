namespace Vectorized.Autoencoders.OnnxTests;

/// <summary>A folder under the system temp path, deleted with everything in it when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("vecae-onnx-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
