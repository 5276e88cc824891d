using System.Diagnostics;
using Latency.Timing;

namespace Latency.World.Relay;

/// <summary>
/// Completes waits at Stopwatch times with ~0.1 ms precision from one dedicated thread. Task.Delay is not enough:
/// on Linux it wakes ~1 ms late (timer-queue granularity), which alone would use half of the relay's 2 ms budget
/// per round trip, and Monitor.Wait with a timeout was measured waking up to 3 ms late here. With nothing to wait
/// for the thread blocks on a monitor; otherwise it sleeps in nanosleep slices of at most 1 ms (so a new, earlier
/// wait is noticed within 1 ms) until ~0.15 ms before the first due time, then spins: ~1,000 short wake-ups a second
/// while connections are active, a fraction of a core, not a spinning one. Waiters resume on the thread pool.
/// </summary>
/// <remarks>
/// The relay's own variant of Latency.Timing's <see cref="PreciseScheduler"/>, on the same wait
/// (<see cref="PreciseWait.Step"/>, <see cref="PreciseWaitProfile.ManyWaiters"/>) and binding. It differs where the
/// relay's hot path needs it: chunks of every connection are due within microseconds of each other, so it never
/// sleeps on a monitor while a wait is pending (a monitor wakes ~1 ms late, and a slice longer than 1 ms would hide a
/// new, earlier chunk), it releases every due wait in one pass, and it resumes waiters on the pool, not on itself,
/// because a relay continuation copies bytes to a socket and must not hold up the next chunk's release.
/// </remarks>
internal sealed class DueTimer : IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<TaskCompletionSource, long> _waits = new();
    private readonly List<TaskCompletionSource> _due = [];
    private readonly Thread _thread;
    private bool _stopped;

    public DueTimer()
    {
        ThreadPoolHeadroom.Ensure(); // released chunks resume on the pool; a starved pool holds them for 0.5 to 1 s
        _thread = new Thread(Run) { IsBackground = true, Name = "relay due timer", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>A task that completes at <paramref name="dueTicks"/> (a Stopwatch timestamp), or at once if it has passed
    /// or the timer is disposed.</summary>
    public Task WaitUntilAsync(long dueTicks)
    {
        if (dueTicks <= Stopwatch.GetTimestamp())
        {
            return Task.CompletedTask;
        }

        var wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stopped)
            {
                return Task.CompletedTask;
            }

            _waits.Enqueue(wait, dueTicks);
            if (_waits.TryPeek(out var first, out _) && first == wait)
            {
                Monitor.Pulse(_gate); // the thread may be sleeping towards a later time
            }
        }

        return wait.Task;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
    }

    private void Run()
    {
        while (true)
        {
            long remaining;
            lock (_gate)
            {
                while (true)
                {
                    if (_stopped)
                    {
                        // Waiters resume and find their connection cancelled.
                        while (_waits.TryDequeue(out var wait, out _))
                        {
                            wait.TrySetResult();
                        }

                        return;
                    }

                    if (!_waits.TryPeek(out _, out var due))
                    {
                        Monitor.Wait(_gate);
                        continue;
                    }

                    var now = Stopwatch.GetTimestamp();
                    remaining = due - now;
                    if (remaining <= 0)
                    {
                        while (_waits.TryPeek(out _, out due) && due <= now)
                        {
                            _due.Add(_waits.Dequeue());
                        }

                        break;
                    }

                    break;
                }
            }

            if (_due.Count > 0)
            {
                foreach (var wait in _due)
                {
                    wait.TrySetResult();
                }

                _due.Clear();
            }
            else
            {
                PreciseWait.Step(remaining, PreciseWaitProfile.ManyWaiters);
            }
        }
    }
}
