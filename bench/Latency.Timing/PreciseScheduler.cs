using System.Diagnostics;

namespace Latency.Timing;

/// <summary>
/// The one scheduler for timed waits inside iterations (think times, replayed requests at their recorded offsets):
/// one dedicated thread keeps every pending wait in a queue ordered by due time, sleeps until the earliest with
/// <see cref="PreciseWait"/> (nanosleep, then a spin for the last half millisecond), and resumes the waiter on that
/// thread, so the code after the wait (sending the next request) runs at once instead of queueing for a pool thread.
/// </summary>
/// <remarks>
/// Why not Task.Delay: its continuations were measured 40-600 ms late in a busy 2-core process (issue 10): the timer
/// fires, then the continuation waits for a pool thread behind the sessions' own work. A thread per session (the
/// first replay runner) is precise but costs a thread and a spin per concurrent session; one thread serves them all.
/// A waiter runs on the scheduler thread only until its first real await (a send that goes to the socket), which
/// is microseconds; the measured lateness of each wait is what callers record, so any queueing here shows.
/// It waits on the system clock only: <see cref="DueWait.Scheduled"/> gives a fake clock's timers instead.
/// </remarks>
public sealed class PreciseScheduler
{
    /// <summary>The process's scheduler on the system clock (its thread starts with the first wait).</summary>
    public static PreciseScheduler Shared { get; } = new();

    // Under 2 ms to the next due time the thread stops sleeping on the monitor (whose wake-ups are a millisecond late)
    // and finishes with PreciseWait.
    private static readonly long FineTicks = Stopwatch.Frequency / 500;

    private readonly PriorityQueue<TaskCompletionSource, long> _queue = new();
    private readonly object _lock = new(); // a Monitor (not System.Threading.Lock): the thread waits on it
    private Thread? _thread;

    /// <summary>Waits until <paramref name="timestamp"/> (Stopwatch); at once when it has passed.</summary>
    /// <param name="timestamp">When to resume, a Stopwatch timestamp.</param>
    /// <param name="cancellationToken">Cancels the wait (the task is then cancelled).</param>
    public Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        if (timestamp - Stopwatch.GetTimestamp() <= 0)
        {
            return Task.CompletedTask;
        }

        // Continuations run on the scheduler thread (no RunContinuationsAsynchronously): that is the point.
        var waiter = new TaskCompletionSource();
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
            waiter.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }

        lock (_lock)
        {
            _queue.Enqueue(waiter, timestamp);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "latency precise scheduler", Priority = ThreadPriority.AboveNormal };
                _thread.Start();
            }

            Monitor.PulseAll(_lock);
        }

        return waiter.Task;
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource? due = null;
            long dueAt = 0;
            lock (_lock)
            {
                while (!_queue.TryPeek(out _, out dueAt))
                {
                    Monitor.Wait(_lock);
                }

                var remaining = dueAt - Stopwatch.GetTimestamp();
                if (remaining <= 0)
                {
                    due = _queue.Dequeue();
                }
                else if (remaining > FineTicks)
                {
                    // Woken early by a new, earlier wait (PulseAll) or by the timeout; either way look again.
                    // In seconds as a double: ticks x 10^7 overflowed a long for waits of 15 minutes and more.
                    Monitor.Wait(_lock, TimeSpan.FromSeconds((remaining - FineTicks) / (double)Stopwatch.Frequency));
                    continue;
                }
            }

            if (due is null)
            {
                // The last 2 ms outside the lock, so new waits can be queued meanwhile; one due sooner than this one
                // is at most these 2 ms late, and its lateness is measured by its caller.
                PreciseWait.Until(dueAt, CancellationToken.None, PreciseWaitProfile.SingleWaiter);
                continue;
            }

            due.TrySetResult();
        }
    }
}
