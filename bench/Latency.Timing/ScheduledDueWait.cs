namespace Latency.Timing;

/// <summary>Waits on a <see cref="PreciseScheduler"/>: the code after the wait runs on the scheduler's thread.</summary>
internal sealed class ScheduledDueWait(TimeProvider time, PreciseScheduler scheduler) : DueWait(time)
{
    public override async ValueTask<bool> UntilAsync(long timestamp, CancellationToken stop)
    {
        var wait = scheduler.WaitUntilAsync(timestamp, stop);
        // No exception for a stop, and no ConfigureAwait(true): the continuation stays on the scheduler's thread.
        await wait.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return wait.IsCompletedSuccessfully;
    }
}
