namespace Latency.Timing;

/// <summary>Awaits the clock's own timers, again if one fires early, until the timestamp has come.</summary>
internal sealed class TimerDueWait(TimeProvider time) : DueWait(time)
{
    public override async ValueTask<bool> UntilAsync(long timestamp, CancellationToken stop)
    {
        while (true)
        {
            if (stop.IsCancellationRequested)
            {
                return false;
            }

            var remaining = timestamp - Time.GetTimestamp();
            if (remaining <= 0)
            {
                return true;
            }

            // Rounded up to a whole TimeSpan tick: a zero delay would spin on a clock that does not move by itself.
            var delay = TimeSpan.FromTicks(Math.Max(1, (long)Math.Ceiling(remaining * (TimeSpan.TicksPerSecond / (double)Time.TimestampFrequency))));
            await Task.Delay(delay, Time, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
