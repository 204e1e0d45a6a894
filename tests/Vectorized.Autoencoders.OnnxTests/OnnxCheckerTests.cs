using System.Diagnostics;
using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.OnnxTests;

/// <summary>Debian's python3-onnx checker (full check: shapes and types inferred through the graph) accepts every exported file.</summary>
public class OnnxCheckerTests
{
    /// <summary>Debian's interpreter, where apt installs python3-onnx (not a virtual environment's python3).</summary>
    private const string Python = "/usr/bin/python3";

    private const string Check = "import sys, onnx\nfor p in sys.argv[1:]:\n    m = onnx.load(p)\n    onnx.checker.check_model(m, full_check=True)\n    print('ok', p, m.ir_version, m.opset_import[0].version)\n";

    [Fact]
    public void CheckerAcceptsEveryKindAndPart()
    {
        using var folder = new TempFolder();
        var paths = new List<string>();
        foreach (var kind in ExportedModels.Kinds.Keys)
        {
            var model = ExportedModels.Model(kind);
            foreach (var part in ExportedModels.Parts)
            {
                paths.Add(ExportedModels.Export(model, kind, part, folder.Path));
            }
        }

        var (code, output) = RunPython([Check, .. paths]);
        Assert.True(code == 0, $"onnx.checker rejected an exported file:\n{output}");
        foreach (var path in paths)
        {
            Assert.Contains($"ok {path} {OnnxExport.IrVersion} {OnnxExport.OpsetVersion}", output);
        }
    }

    [Fact]
    public void CheckerRejectsADamagedFile()
    {
        // Guards the test itself: a checker that accepted anything would pass the one above.
        using var folder = new TempFolder();
        var path = ExportedModels.Export(ExportedModels.Model("shallow"), "shallow", OnnxPart.Full, folder.Path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var (code, _) = RunPython([Check, path]);
        Assert.NotEqual(0, code);
    }

    private static (int Code, string Output) RunPython(string[] arguments)
    {
        // Not a skip: the checker is part of the acceptance list, so a missing one fails and says how to fix it.
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; install it with: apt-get install -y python3 python3-onnx python3-numpy");
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var output = stdout.Result + stderr;
        if (output.Contains("No module named 'onnx'", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Python} has no onnx module; install it with: apt-get install -y python3-onnx");
        }

        return (process.ExitCode, output);
    }
}
