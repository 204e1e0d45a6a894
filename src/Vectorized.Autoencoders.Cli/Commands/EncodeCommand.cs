using Vectorized.Autoencoders.Data;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae encode</c>: the codes of the test (or train) set as an IDX float32 file [count, codeSize].</summary>
public static class EncodeCommand
{
    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var modelPath = args.String("model");
        var outPath = args.String("out", "codes.idx");
        var set = args.String("set", "test");
        var threads = args.Int("threads", Environment.ProcessorCount, 1, 1024);
        var dataDir = args.String("data", TrainData.DefaultDirectory);
        if (args.Help)
        {
            stdout.WriteLine("usage: vecae encode --model FILE [--out codes.idx] [--set test|train] [--threads T] [--data DIR]");
            stdout.WriteLine("writes the codes of every image of the set as IDX float32 [count, codeSize] (big-endian, type 0x0D).");
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
        WriteIdxFloat32(outPath, codes, data.Count, model.CodeSize);
        stderr.WriteLine($"wrote {data.Count} codes of {model.CodeSize} values to {outPath}");
        return 0;
    }

    // codes: [count, width]. A failure is a FileWriteException, "PATH: reason", printed by CommandLine.
    private static void WriteIdxFloat32(string path, float[] codes, int count, int width) =>
        IdxWriter.Write(path, IdxArray.Create<float>(codes, count, width));
}
