namespace Vectorized.Autoencoders.Cli.Commands;

/// <summary><c>vecae bench WHAT</c>: micro-benchmarks of the engine's parts, one subcommand each.</summary>
public static class BenchCommand
{
    // Each benchmark: name, one-line summary, entry point.
    private static readonly (string Name, string Summary, Func<Arguments, TextWriter, int> Run)[] Subcommands =
    [
        ("gemm", "SGEMM GFLOP/s for the default shapes or one --m/--n/--k", BenchGemm.Run),
        ("train", "seconds per training epoch of a model (deep, shallow, vae, conv, conv-denoising) on MNIST", BenchTrain.Run),
        ("infer", "microseconds per inference call (full model, encoder, decoder) of a model at each batch size", BenchInfer.Run),
    ];

    public static int Run(Arguments args, TextWriter stdout, TextWriter stderr)
    {
        var what = args.Positionals.Count > 0 ? args.Positionals[0] : null;
        foreach (var sub in Subcommands)
        {
            if (sub.Name == what)
            {
                return sub.Run(args, stdout);
            }
        }

        if (what is null && args.Help)
        {
            PrintUsage(stdout);
            return 0;
        }

        var names = string.Join(", ", Subcommands.Select(s => s.Name));
        throw new CliException(what is null ? $"bench: say what to benchmark ({names}), e.g. 'vecae bench gemm'" : $"bench: unknown benchmark '{what}'; choose one of: {names}");
    }

    private static void PrintUsage(TextWriter writer)
    {
        writer.WriteLine("usage: vecae bench WHAT [flags]    (vecae bench WHAT --help for its flags)");
        foreach (var sub in Subcommands)
        {
            writer.WriteLine($"  {sub.Name,-8} {sub.Summary}");
        }
    }
}
