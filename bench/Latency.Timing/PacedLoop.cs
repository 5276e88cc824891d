namespace Latency.Timing;

/// <summary>
/// The one schedule loop every pacer runs on (engine arrivals, HAR replay, a study session's replay), in the manner
/// of vegeta's attack loop: a pure pace function says when hit <c>i</c> is due, the loop waits until then with a
/// <see cref="DueWait"/>, applies the deadline, filter and drop rules, and hands the hit over with its due time, so
/// the caller measures from the intended start (coordinated omission) and sees the lateness. The wait is the only
/// thing that differs between the system clock and a test's fake one.
/// </summary>
public static class PacedLoop
{
    /// <summary>Runs hits <c>0, 1, ...</c> at <paramref name="startTimestamp"/> plus their due offsets until the pace
    /// function has no more, the deadline comes, or <paramref name="stop"/> fires.</summary>
    /// <param name="wait">How to wait (and the clock: <see cref="DueWait.Time"/>).</param>
    /// <param name="startTimestamp">Time zero of the pace function, a timestamp of the wait's clock.</param>
    /// <param name="dueOffset">Offset of hit <c>i</c> from time zero, or null when there are fewer hits; non-decreasing.</param>
    /// <param name="onHit">Runs each hit, on the loop's thread right after its wait: keep it short (enqueue or start
    /// async work), it delays the hits after it.</param>
    /// <param name="options">Deadline, drop rule and filter.</param>
    /// <param name="stop">Graceful stop: no hit starts once it fires.</param>
    public static async ValueTask<PacedLoopResult> RunAsync(DueWait wait, long startTimestamp, Func<long, TimeSpan?> dueOffset, Action<PacedHit> onHit,
        PacedLoopOptions options, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(wait);
        ArgumentNullException.ThrowIfNull(dueOffset);
        ArgumentNullException.ThrowIfNull(onHit);
        ArgumentNullException.ThrowIfNull(options);
        var time = wait.Time;
        var maxStartDelay = options.MaxStartDelay is { } delay ? ToTicks(delay, time.TimestampFrequency) : long.MaxValue;
        long started = 0;
        long dropped = 0;
        long maxLateness = 0;
        PacedLoopResult Result(PacedLoopEnd end) => new(end, started, dropped, maxLateness);

        for (long index = 0; ; index++)
        {
            if (dueOffset(index) is not { } offset)
            {
                return Result(PacedLoopEnd.Exhausted);
            }

            var due = startTimestamp + ToTicks(offset, time.TimestampFrequency);
            if (due >= options.EndTimestamp)
            {
                return Result(PacedLoopEnd.Deadline);
            }

            if (!await wait.UntilAsync(due, stop).ConfigureAwait(false))
            {
                return Result(PacedLoopEnd.Stopped);
            }

            if (options.Admit is { } admit && !admit(index))
            {
                continue;
            }

            var hit = new PacedHit(index, due, Math.Max(due, time.GetTimestamp()));
            if (hit.LatenessTicks > maxStartDelay)
            {
                dropped++;
                options.OnDropped?.Invoke(hit);
                continue;
            }

            started++;
            maxLateness = Math.Max(maxLateness, hit.LatenessTicks);
            onHit(hit);
        }
    }

    /// <summary>A duration in ticks of a clock of <paramref name="frequency"/> (as the engine's clock converts).</summary>
    /// <param name="span">The duration.</param>
    /// <param name="frequency">Ticks per second of the clock.</param>
    public static long ToTicks(TimeSpan span, long frequency) => (long)(span.Ticks * (frequency / (double)TimeSpan.TicksPerSecond));
}
