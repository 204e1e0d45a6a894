namespace Vectorized.Autoencoders.Cli;

/// <summary>
/// Turns the first Ctrl+C into a cancellation the command can finish cleanly on (save a
/// checkpoint, write nothing half-done); a second Ctrl+C kills the process as usual.
/// Dispose unhooks it.
/// </summary>
internal sealed class CtrlCCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;

    public CtrlCCancellation(CancellationToken external)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(external);
        Console.CancelKeyPress += OnCancelKeyPress;
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (!_source.IsCancellationRequested)
        {
            e.Cancel = true;
            _source.Cancel();
        }
    }
}
