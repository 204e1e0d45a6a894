using System.Reflection;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Cli;

/// <summary>Dispatches <c>vecae COMMAND [flags]</c> to one command; user mistakes end as one line on stderr and exit code 2.</summary>
public static class CommandLine
{
    public const int UsageError = 2;

    /// <summary>The run needed more memory than the process may use.</summary>
    public const int OutOfMemory = 1;

    // Each command: name, one-line summary, and its entry point. Kept in one table so --help lists them all.
    private static readonly (string Name, string Summary, Func<Arguments, TextWriter, TextWriter, int> Run)[] Commands =
    [
        ("info", "print the CPU's SIMD support, the kernel path chosen and the thread count", InfoCommand.Run),
        ("inspect", "print what a safetensors model, checkpoint or IDX file holds", InspectCommand.Run),
        (WriteCheckpointsCommand.Name, "(hidden) rewrite a large checkpoint in a loop, for the atomic-write test", WriteCheckpointsCommand.Run),
        ("tsne", "embed codes, raw pixels or any IDX matrix in 2-D with Barnes-Hut t-SNE", TsneCommand.Run),
        ("bench", "measure the engine's kernels: 'vecae bench gemm' (SGEMM GFLOP/s)", BenchCommand.Run),
        ("train", "train an autoencoder (the article's models or a custom one) on MNIST", TrainCommand.Run),
        ("eval", "evaluate a saved model on the test set: loss, mean code, zero fraction", EvalCommand.Run),
        ("encode", "write the test set's codes as an IDX float32 file", EncodeCommand.Run),
        ("sample", "decode draws from N(0, I) with a variational model into a PNG grid of digits", SampleCommand.Run),
        ("figures", "draw the article's figures for one saved model (reconstructions, filters, denoising, codes)", FiguresCommand.Run),
        ("reproduce", "run the whole article (five experiments, every figure) and write report/index.html", ReproduceCommand.Run),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
        {
            PrintUsage(stdout);
            return args.Length == 0 ? UsageError : 0;
        }

        if (args[0] is "--version")
        {
            stdout.WriteLine($"vecae {Version}");
            return 0;
        }

        foreach (var command in Commands)
        {
            if (command.Name == args[0])
            {
                try
                {
                    // A bad VECAE_ISA is a user mistake: one line, before any kernel can throw on it.
                    if (IsaSelector.EnvironmentError is { } isaError)
                    {
                        throw new CliException(isaError);
                    }

                    var arguments = new Arguments(command.Name, args.AsSpan(1).ToArray());
                    return command.Run(arguments, stdout, stderr);
                }
                catch (CliException e)
                {
                    stderr.WriteLine($"error: {e.Message}");
                    return UsageError;
                }
                catch (OutOfMemoryException)
                {
                    // Not a bug to show a stack for: the run does not fit the memory this process may
                    // use (a container's cap, or DOTNET_GCHeapHardLimit). Files are written atomically,
                    // so nothing half-written is left behind.
                    var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
                    stderr.WriteLine($"error: {command.Name}: out of memory: this run needs more than the {limit} MB the process may use");
                    return OutOfMemory;
                }
            }
        }

        stderr.WriteLine($"error: unknown command '{args[0]}'; run 'vecae --help' for the list");
        return UsageError;
    }

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static void PrintUsage(TextWriter stdout)
    {
        stdout.WriteLine("vecae: train and run autoencoders with a pure C# SIMD engine");
        stdout.WriteLine();
        stdout.WriteLine("usage: vecae COMMAND [flags]    (vecae COMMAND --help for a command's flags)");
        stdout.WriteLine();
        stdout.WriteLine("commands:");
        // Names starting with "__" are test helpers, not part of the user-facing command set.
        foreach (var command in Commands.Where(c => !c.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            stdout.WriteLine($"  {command.Name,-10} {command.Summary}");
        }
    }
}
