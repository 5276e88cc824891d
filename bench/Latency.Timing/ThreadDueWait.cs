namespace Latency.Timing;

/// <summary>Blocks the calling thread with <see cref="PreciseWait"/>: the waiter owns its thread.</summary>
internal sealed class ThreadDueWait(TimeProvider time) : DueWait(time)
{
    public override ValueTask<bool> UntilAsync(long timestamp, CancellationToken stop) => new(PreciseWait.Until(timestamp, stop));
}
