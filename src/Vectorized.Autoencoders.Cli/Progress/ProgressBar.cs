namespace Vectorized.Autoencoders.Cli.Progress;

/// <summary>
/// Shows training progress on stderr. On a terminal it redraws one line in place (carriage
/// return, at most ten times a second, so drawing never slows training); when stderr is a
/// file or pipe (CI logs) it writes a plain line every few seconds instead, so logs stay
/// readable. Each finished epoch gets its own permanent line in both modes.
/// </summary>
public sealed class ProgressBar
{
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly double _interval;
    private readonly Func<double> _clock;
    private double _lastDraw = double.NegativeInfinity;
    private int _lastLength;

    /// <param name="output">Where to draw (stderr).</param>
    /// <param name="interactive">True for a terminal: redraw in place; false: plain lines.</param>
    /// <param name="clock">Seconds from any fixed origin; injected so tests control time.</param>
    /// <param name="plainIntervalSeconds">Seconds between plain lines when not interactive.</param>
    public ProgressBar(TextWriter output, bool interactive, Func<double> clock, double plainIntervalSeconds = 5)
    {
        _output = output;
        _interactive = interactive;
        _clock = clock;
        _interval = interactive ? 0.1 : plainIntervalSeconds;
    }

    /// <summary>A bar on <paramref name="stderr"/>: interactive exactly when it is the process's stderr and that is a terminal.</summary>
    public static ProgressBar For(TextWriter stderr)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        return new ProgressBar(stderr, interactive, () => watch.Elapsed.TotalSeconds);
    }

    /// <summary>Label printed before each line, e.g. the experiment's name.</summary>
    public string? Label { get; set; }

    /// <summary>Draws the snapshot if enough time has passed since the last draw (the last batch of an epoch is left to <see cref="EpochDone"/>).</summary>
    public void Report(ProgressSnapshot snapshot)
    {
        var now = _clock();
        if (now - _lastDraw < _interval)
        {
            return;
        }

        _lastDraw = now;
        Write(ProgressFormatter.Format(snapshot, Label));
    }

    /// <summary>Ends an epoch with a permanent summary line.</summary>
    public void EpochDone(int epoch, int epochs, double loss, double epochSeconds)
    {
        Write(ProgressFormatter.EpochDone(epoch, epochs, loss, epochSeconds, Label));
        if (_interactive)
        {
            _output.WriteLine();
            _lastLength = 0;
        }

        // The next epoch's first batch draws at once.
        _lastDraw = double.NegativeInfinity;
    }

    /// <summary>Prints a message on its own line (clearing a half-drawn bar first).</summary>
    public void Message(string text)
    {
        if (_interactive && _lastLength > 0)
        {
            _output.Write('\r' + new string(' ', _lastLength) + '\r');
            _lastLength = 0;
        }

        _output.WriteLine(text);
        _output.Flush();
    }

    private void Write(string line)
    {
        if (_interactive)
        {
            // Pad with spaces so a shorter line fully covers the previous one.
            var padding = Math.Max(0, _lastLength - line.Length);
            _output.Write('\r' + line + new string(' ', padding));
            _lastLength = line.Length;
        }
        else
        {
            _output.WriteLine(line);
        }

        _output.Flush();
    }
}
