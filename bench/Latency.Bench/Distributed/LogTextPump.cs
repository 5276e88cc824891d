using System.Threading.Channels;

namespace Latency.Bench.Distributed;

/// <summary>
/// Carries an agent's log texts to the run's stream in the background: <see cref="MirrorFor"/> is given to each
/// <see cref="Latency.RunDirectory.IntervalLogWriter"/> (it must not wait on the network: it runs under the writer's
/// lock, once a second per log), numbers each text in its log and queues it; one loop publishes them in order and, when
/// NATS is unreachable, retries the same text until it goes (a repeat that did go is dropped by its message id).
/// </summary>
public sealed class LogTextPump : IAsyncDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    private readonly string _agent;
    private readonly Func<LogText, CancellationToken, Task<bool>> _publish;
    private readonly TimeProvider _time;
    private readonly Channel<LogText> _queue = Channel.CreateUnbounded<LogText>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, long> _nextPlace = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _queued;
    private long _published;
    private long _repeats;
    private long _failedAttempts;
    private string? _lastError;

    /// <param name="agent">The agent's name (the texts' <see cref="LogText.Agent"/>).</param>
    /// <param name="publish">Publishes one text: true when the stream took it, false when it had it already; throws when it
    /// could not be sent (<see cref="LogTextPublisher.PublishAsync"/>).</param>
    /// <param name="time">The clock the retries wait on.</param>
    public LogTextPump(string agent, Func<LogText, CancellationToken, Task<bool>> publish, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(time);
        _agent = agent;
        _publish = publish;
        _time = time;
        _loop = Task.Run(PumpAsync);
    }

    /// <summary>Texts queued so far.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Texts the stream took.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Texts the stream already had (sent again after a failed attempt that had in fact gone out).</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Attempts that failed and were retried.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>Texts queued and not yet in the stream.</summary>
    public long Pending => Queued - Published - Repeats;

    /// <summary>The last failure's message, or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>The mirror for log <paramref name="log"/>: queues each text it is given with the log's next place.</summary>
    public Action<string> MirrorFor(string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return text =>
        {
            LogText item;
            lock (_gate)
            {
                var place = _nextPlace.GetValueOrDefault(log);
                _nextPlace[log] = place + 1;
                item = new LogText(_agent, log, place, text);
            }

            Interlocked.Increment(ref _queued);
            // Unbounded: TryWrite only fails once the pump is completed, and texts after that are not ours to send.
            _queue.Writer.TryWrite(item);
        };
    }

    /// <summary>
    /// Takes no more texts and waits up to <paramref name="timeout"/> for the queued ones to reach the stream; true when
    /// they all did. What is left is still in the agent's own files.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_loop, Task.Delay(timeout, _time)).ConfigureAwait(false);
        return _loop.IsCompleted && Pending == 0;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with texts unsent: they are in the agent's files.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        await foreach (var text in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            var wait = FirstRetry;
            while (true)
            {
                try
                {
                    var taken = await _publish(text, _stop.Token).ConfigureAwait(false);
                    if (taken)
                    {
                        Interlocked.Increment(ref _published);
                    }
                    else
                    {
                        Interlocked.Increment(ref _repeats);
                    }

                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _failedAttempts);
                    Volatile.Write(ref _lastError, ex.Message);
                    await Task.Delay(wait, _time, _stop.Token).ConfigureAwait(false);
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
                }
            }
        }
    }
}
