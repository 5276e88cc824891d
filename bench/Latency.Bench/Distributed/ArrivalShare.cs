namespace Latency.Bench.Distributed;

/// <summary>
/// Which arrivals of a cell one agent plays when <see cref="Count"/> agents serve the same probe: agent
/// <see cref="Index"/> takes every arrival whose index leaves that remainder, so together they play every arrival of
/// the planned schedule exactly once.
/// </summary>
/// <remarks>
/// Why by index and not rate / n each: every agent draws the same arrival times (the cell's seed is the study's,
/// mixed with the probe and workload names), so dealing them out round-robin keeps the probe's total exactly at the
/// planned rate and schedule (independent draws at rate / n would only match on average, and unevenly for a short run).
/// Each agent's own arrivals are then not a Poisson process, but their union, which the report reads, is.
/// </remarks>
/// <param name="Index">This agent's place among the probe's agents (0-based, in the coordinator's order of names).</param>
/// <param name="Count">How many agents serve the probe.</param>
public sealed record ArrivalShare(int Index, int Count)
{
    /// <summary>One agent plays every arrival.</summary>
    public static ArrivalShare Whole { get; } = new(0, 1);

    /// <summary>Agent <paramref name="index"/> of <paramref name="count"/>; throws when the index is not below the count.</summary>
    public static ArrivalShare Of(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return new ArrivalShare(index, count);
    }

    /// <summary>Whether this agent plays arrival <paramref name="arrival"/> (0-based, of the cell's schedule).</summary>
    public bool Takes(long arrival) => arrival % Count == Index;

    /// <summary>
    /// <paramref name="filter"/> (adaptive sampling's thinning, say, or null) and this share together: an arrival is
    /// played when both keep it. The filter sees the same index on every agent, so its choices agree.
    /// </summary>
    public Func<long, bool>? And(Func<long, bool>? filter) =>
        Count == 1 ? filter
        : filter is null ? Takes
        : arrival => filter(arrival) && Takes(arrival);
}
