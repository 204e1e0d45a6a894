namespace Vectorized.Autoencoders.Cli;

/// <summary>A user mistake (bad flag, bad value, unreadable file): printed as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
