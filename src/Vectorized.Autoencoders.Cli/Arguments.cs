using System.Globalization;

namespace Vectorized.Autoencoders.Cli;

/// <summary>
/// Hand-written flag parsing: <c>--name value</c>, <c>--name=value</c> and boolean <c>--name</c>.
/// A command declares each flag it reads; <see cref="EnsureAllUsed"/> then rejects any flag the
/// command does not know, so a typo is an error rather than silently ignored.
/// </summary>
public sealed class Arguments
{
    private readonly string _command;
    private readonly List<(string Name, string? Value)> _flags = [];
    private readonly List<string> _positionals = [];
    private readonly HashSet<string> _known = [];

    public Arguments(string command, string[] args)
    {
        _command = command;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=');
                if (eq > 0)
                {
                    _flags.Add((arg[2..eq], arg[(eq + 1)..]));
                }
                else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    _flags.Add((arg[2..], args[++i]));
                }
                else
                {
                    _flags.Add((arg[2..], null));
                }
            }
            else if (arg == "-h")
            {
                _flags.Add(("help", null));
            }
            else
            {
                _positionals.Add(arg);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    /// <summary>True when <c>--help</c> (or <c>-h</c>) was given.</summary>
    public bool Help => Flag("help");

    /// <summary>A boolean flag: present or not. A value after it is an error.</summary>
    public bool Flag(string name)
    {
        _known.Add(name);
        var found = false;
        foreach (var (n, v) in _flags)
        {
            if (n != name)
            {
                continue;
            }

            if (v is not null)
            {
                // "--json foo": the value belongs to no flag; report it rather than guess.
                throw new CliException($"{_command}: --{name} takes no value (got '{v}')");
            }

            found = true;
        }

        return found;
    }

    public string? String(string name)
    {
        _known.Add(name);
        string? result = null;
        foreach (var (n, v) in _flags)
        {
            if (n == name)
            {
                // "--out=" is as much a missing value as "--out" at the end.
                result = string.IsNullOrEmpty(v) ? throw new CliException($"{_command}: --{name} needs a value") : v;
            }
        }

        return result;
    }

    public string String(string name, string defaultValue) => String(name) ?? defaultValue;

    /// <summary>True when <c>--name</c> appears at all, with or without a value (does not mark it known).</summary>
    public bool Given(string name) => _flags.Exists(f => f.Name == name);

    /// <summary>
    /// <c>--threads auto|T</c>: the most threads a command may use; <c>auto</c> (the default) is
    /// every logical core, and each parallel call still takes only as many as its size pays for.
    /// </summary>
    public int Threads()
    {
        var text = String("threads");
        return text is null || text == "auto" ? Environment.ProcessorCount : Int("threads", Environment.ProcessorCount, 1, 1024);
    }

    public int Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new CliException($"{_command}: --{name} expects an integer, got '{text}'");
        }

        if (value < min || value > max)
        {
            throw new CliException($"{_command}: --{name} must be between {min} and {max}, got {value}");
        }

        return value;
    }

    public float Float(string name, float defaultValue, float min = float.NegativeInfinity, float max = float.PositiveInfinity)
    {
        var text = String(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
        {
            throw new CliException($"{_command}: --{name} expects a number, got '{text}'");
        }

        if (value < min || value > max)
        {
            throw new CliException($"{_command}: --{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {text}");
        }

        return value;
    }

    /// <summary>Rejects flags no accessor asked for and positionals beyond <paramref name="maxPositionals"/>.</summary>
    public void EnsureAllUsed(int maxPositionals = 0)
    {
        foreach (var (n, _) in _flags)
        {
            if (!_known.Contains(n))
            {
                throw new CliException($"{_command}: unknown flag --{n}; run 'vecae {_command} --help'");
            }
        }

        if (_positionals.Count > maxPositionals)
        {
            throw new CliException($"{_command}: unexpected argument '{_positionals[maxPositionals]}'");
        }
    }
}
