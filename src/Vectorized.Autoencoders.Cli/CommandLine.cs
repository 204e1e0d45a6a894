using System.Reflection;
using Vectorized.Autoencoders.Cli.Commands;
using Vectorized.Autoencoders.Data;
using Vectorized.Autoencoders.IO;
using Vectorized.Autoencoders.Simd;

namespace Vectorized.Autoencoders.Cli;

/// <summary>
/// Dispatches <c>vecae COMMAND [flags]</c> to one command. Exit codes: 0 done, 1 training failed
/// (non-finite loss), 2 a user mistake or an environment fault (one line on stderr), 70 a bug
/// (one line too, never a stack trace), 130 interrupted by Ctrl+C.
/// </summary>
public static class CommandLine
{
    public const int UsageError = 2;

    /// <summary>The run needed more memory than the process may use: an environment fault like a full disk.</summary>
    public const int OutOfMemory = UsageError;

    /// <summary>An exception no command expected (sysexits' EX_SOFTWARE): a bug to report.</summary>
    public const int InternalError = 70;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    // Each command: name, one-line summary, and its entry point. Kept in one table so --help lists them all.
    private static readonly (string Name, string Summary, Func<Arguments, TextWriter, TextWriter, int> Run)[] Commands =
    [
        ("info", "print the CPU's SIMD support, the kernel path chosen and the thread count", InfoCommand.Run),
        ("inspect", "print what a safetensors model, checkpoint, IDX or .npy file holds", InspectCommand.Run),
        (WriteCheckpointsCommand.Name, "(hidden) rewrite a large checkpoint in a loop, for the atomic-write test", WriteCheckpointsCommand.Run),
        ("tsne", "embed codes, raw pixels or any IDX matrix in 2-D with Barnes-Hut t-SNE", TsneCommand.Run),
        ("bench", "measure the engine: 'vecae bench gemm' (SGEMM GFLOP/s), 'vecae bench train' (seconds per epoch)", BenchCommand.Run),
        ("train", "train an autoencoder (the article's models or a custom one) on MNIST", TrainCommand.Run),
        ("eval", "evaluate a saved model on the test set: loss, mean code, zero fraction", EvalCommand.Run),
        ("encode", "write the test set's codes as an IDX float32 file", EncodeCommand.Run),
        ("score", "write each sample's reconstruction error (anomaly scores); draw the worst-reconstructed", ScoreCommand.Run),
        ("export", "write a saved model (full, encoder or decoder) as an ONNX file", ExportCommand.Run),
        ("sample", "decode draws from N(0, I) with a variational model into a PNG grid of digits", SampleCommand.Run),
        ("manifold", "draw a 2-D variational model's latent manifold and the test set's latent means", ManifoldCommand.Run),
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
                catch (Exception e) when (e is CliException or FileWriteException or FileFormatException)
                {
                    // The message may quote a file's metadata or names: escaped, it stays one harmless line.
                    stderr.WriteLine($"error: {TerminalText.Escape(e.Message)}");
                    return UsageError;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A read or write outside the library's checked paths (stdout closed, a folder gone).
                    stderr.WriteLine($"error: {IoMessage(e)}");
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
                catch (Exception e)
                {
                    return ReportBug(e, stderr);
                }
            }
        }

        stderr.WriteLine($"error: unknown command '{TerminalText.Escape(args[0])}'; run 'vecae --help' for the list");
        return UsageError;
    }

    /// <summary>The last resort: an exception no command expected is a bug; one line, exit code 70.</summary>
    public static int ReportBug(Exception exception, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(stderr);
        var message = exception.Message.ReplaceLineEndings(" ");
        stderr.WriteLine($"error: internal error ({exception.GetType().Name}: {message}); please report it");
        return InternalError;
    }

    public static string Version =>
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    // .NET words these "Reason : 'PATH'"; the CLI's lines are "PATH: reason".
    private static string IoMessage(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        var cut = message.IndexOf(" : '", StringComparison.Ordinal);
        return cut > 0 && message.EndsWith('\'') ? $"{message[(cut + 4)..^1]}: {message[..cut].TrimEnd('.')}" : message;
    }

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
