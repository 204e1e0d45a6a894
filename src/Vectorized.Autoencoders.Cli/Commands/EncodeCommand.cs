using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.Serialization.Npy;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae encode</c>: the codes of the test (or train) set as an IDX float32 file [count, codeSize].</summary>
public static class EncodeCommand
{
    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var outPath = args.String("out", "codes.idx");
        var set = args.String("set", "test");
        var threads = args.Threads();
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae encode --model FILE [--out codes.idx|codes.npy] [--set test|train] [--threads auto|T] [--data DIR]");
            stdout.WriteLine("writes the codes of every sample of the set as float32 [count, codeSize]: a NumPy .npy file when --out");
            stdout.WriteLine("ends in .npy, else IDX (big-endian, type 0x0D).");
            return 0;
        }

        args.EnsureAllUsed();
        if (set is not ("test" or "train"))
        {
            throw new CliException($"encode: --set must be test or train, got '{set}'");
        }

        var model = EvalCommand.LoadModel("encode", modelPath);
        var (train, test) = TrainData.Load(dataDir);
        var data = set == "train" ? train : test;
        if (data.SampleSize != model.InputSize)
        {
            throw new CliException($"encode: the data's samples have {data.SampleSize} values, the model's input {model.InputSize}");
        }

        var codes = model.Encode(data, threads);
        WriteFloat32(outPath, codes, data.Count, model.CodeSize);
        stderr.WriteLine($"wrote {data.Count} codes of {model.CodeSize} values to {outPath}");
        return 0;
    }

    /// <summary>Writes a float32 matrix (or vector, when width is 0) as .npy when the path ends so, else as IDX.</summary>
    // values: [count, width] or [count]. A failure is a FileWriteException, "PATH: reason", printed by CommandLine.
    internal static void WriteFloat32(string path, float[] values, int count, int width)
    {
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            NpyWriter.Write(path, values, width == 0 ? [count] : [count, width]);
        }
        else
        {
            IdxWriter.Write(path, width == 0 ? IdxArray.Create<float>(values, count) : IdxArray.Create<float>(values, count, width));
        }
    }
}
