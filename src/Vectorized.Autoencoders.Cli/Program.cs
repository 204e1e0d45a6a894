using Vectorized.Autoencoders.Cli;

return CommandLine.Run(args, Console.Out, Console.Error);
