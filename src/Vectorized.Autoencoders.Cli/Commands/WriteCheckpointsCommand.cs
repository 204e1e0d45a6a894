using System.Globalization;
using Vectorized.Autoencoders.Serialization;

namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary>
/// <c>vecae __write-checkpoints PATH</c>, hidden and for tests only: rewrites one large checkpoint
/// over and over, announcing each write, so a test can kill the process in the middle of a write
/// and check that the file on disk is still a complete, loadable checkpoint.
/// </summary>
public static class WriteCheckpointsCommand
{
    public const string Name = "__write-checkpoints";

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var megabytes = args.Int("megabytes", 32, min: 1, max: 1024);
        var count = args.Int("count", int.MaxValue, min: 1);
        args.EnsureAllUsed(maxPositionals: 1);
        if (args.Positionals.Count == 0)
        {
            throw new CliException($"{Name}: usage: vecae {Name} PATH [--megabytes N] [--count N]");
        }

        var path = args.Positionals[0];
        var values = new float[megabytes * (1 << 20) / sizeof(float)];
        for (var i = 1; i <= count; i++)
        {
            // Every element equals the iteration, so a reader can tell a whole file from a mix of two.
            Array.Fill(values, i);
            stdout.WriteLine($"writing {i}");
            stdout.Flush();
            var metadata = new Dictionary<string, string> { ["iteration"] = i.ToString(CultureInfo.InvariantCulture) };
            CheckpointFile.Write(path, [NamedTensor.Float32("weights", values, values.Length)], metadata);
            stdout.WriteLine($"wrote {i}");
            stdout.Flush();
        }

        return 0;
    }
}
