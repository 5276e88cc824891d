namespace Latency.Timing;

/// <summary>What a <see cref="PacedLoop"/> did.</summary>
/// <param name="End">Why it ended.</param>
/// <param name="Started">Hits handed to the caller.</param>
/// <param name="Dropped">Hits the loop reached later than <see cref="PacedLoopOptions.MaxStartDelay"/> after their due time.</param>
/// <param name="MaxLatenessTicks">The latest start of a started hit after its due time, in the clock's ticks.</param>
public sealed record PacedLoopResult(PacedLoopEnd End, long Started, long Dropped, long MaxLatenessTicks);
