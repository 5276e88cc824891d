using System.Diagnostics;

namespace Latency.Bench.Recording;

/// <summary>
/// The one clock used for measurement: timestamps from <see cref="TimeProvider.GetTimestamp"/> (Stopwatch ticks on
/// the system provider), never wall time, so NTP steps cannot bend a latency. Waits go through the same
/// <see cref="TimeProvider"/>, which tests replace with a fake one.
/// </summary>
public sealed class MonotonicClock(TimeProvider timeProvider)
{
    public static MonotonicClock System { get; } = new(TimeProvider.System);

    public TimeProvider TimeProvider { get; } = timeProvider;

    public long Now => TimeProvider.GetTimestamp();

    public long Frequency => TimeProvider.TimestampFrequency;

    /// <summary>Converts a timestamp difference to whole microseconds (the unit every histogram holds).</summary>
    public long ToMicroseconds(long ticks) =>
        Frequency == 1_000_000_000 ? ticks / 1000 : (long)(ticks * (1_000_000.0 / Frequency));

    public long FromTimeSpan(TimeSpan span) => (long)(span.Ticks * (Frequency / (double)TimeSpan.TicksPerSecond));

    public TimeSpan ToTimeSpan(long ticks) => TimeSpan.FromTicks((long)(ticks * (TimeSpan.TicksPerSecond / (double)Frequency)));

    /// <summary>Converts a monotonic timestamp to wall time, anchored once at construction.</summary>
    public DateTimeOffset ToWallTime(long timestamp) =>
        _anchorWall + ToTimeSpan(timestamp - _anchorTimestamp);

    private readonly DateTimeOffset _anchorWall = timeProvider.GetUtcNow();
    private readonly long _anchorTimestamp = timeProvider.GetTimestamp();
}
