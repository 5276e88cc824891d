using System.Runtime.InteropServices;

namespace Latency.Bench.Cli;

/// <summary>
/// Turns Ctrl-C and SIGTERM into a graceful stop: the first one asks the run to stop and write what it recorded;
/// a second Ctrl-C ends the process at once (the run directory then holds the intervals flushed so far).
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;
    private int _requests;

    public StopSignals(Action<string>? onFirstStop = null)
    {
        void Handle(PosixSignalContext context)
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                context.Cancel = true;
                onFirstStop?.Invoke(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl-C");
                _stop.Cancel();
            }
        }

        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stop.Dispose();
    }
}
