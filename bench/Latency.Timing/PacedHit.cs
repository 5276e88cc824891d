namespace Latency.Timing;

/// <summary>One hit of a <see cref="PacedLoop"/>: its index, when it was due and when the loop got to it.</summary>
/// <param name="Index">0-based position in the pace function.</param>
/// <param name="DueTimestamp">Its intended start, a timestamp of the loop's clock: latencies are measured from here.</param>
/// <param name="StartTimestamp">When the loop handed it over (never before <paramref name="DueTimestamp"/>).</param>
public readonly record struct PacedHit(long Index, long DueTimestamp, long StartTimestamp)
{
    /// <summary>How late the hit started, in the clock's ticks.</summary>
    public long LatenessTicks => StartTimestamp - DueTimestamp;
}
