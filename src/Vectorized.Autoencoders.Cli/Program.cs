using Vectorized.Autoencoders.Cli;

// An exception on another thread never reaches CommandLine.Run's handler: the same one line, exit code 70.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    CommandLine.ReportBug(e.ExceptionObject as Exception ?? new InvalidOperationException("unknown failure"), Console.Error);
    Console.Error.Flush();
    Environment.Exit(CommandLine.InternalError);
};

return CommandLine.Run(args, Console.Out, Console.Error);
