using Vectorized.Autoencoders.Onnx;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae export</c>: a saved model (or a part of it) as an ONNX file for ONNX Runtime and other ONNX consumers.</summary>
public static class ExportCommand
{
    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var outPath = args.String("out");
        var partText = args.String("part", "full");
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae export --model FILE --out model.onnx [--part full|encoder|decoder]");
            stdout.WriteLine($"writes the model as ONNX (IR {OnnxExport.IrVersion}, opset {OnnxExport.OpsetVersion}): Gemm (or Conv, MaxPool, Resize) and activation nodes, float32,");
            stdout.WriteLine($"a symbolic '{OnnxExport.BatchDimension}' first dimension. full: {OnnxExport.InputName} -> {OnnxExport.ReconstructionName}; encoder: {OnnxExport.InputName} -> {OnnxExport.CodeName};");
            stdout.WriteLine($"decoder: {OnnxExport.CodeName} -> {OnnxExport.ReconstructionName}.");
            return 0;
        }

        args.EnsureAllUsed();
        if (outPath is null)
        {
            throw new CliException("export: --out FILE is required");
        }

        if (!OnnxExport.TryParse(partText, out var part))
        {
            throw new CliException($"export: --part must be full, encoder or decoder, got '{partText}'");
        }

        var model = EvalCommand.LoadModel("export", modelPath);
        try
        {
            OnnxExport.Write(model, part, outPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{outPath}: cannot write ({e.Message})");
        }

        stderr.WriteLine($"wrote the {OnnxExport.Name(part)} model to {outPath}");
        return 0;
    }
}
