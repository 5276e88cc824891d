namespace Latency.History;

/// <summary>
/// The unit a <see cref="HistoryRow"/>'s quantiles are stored in (column <c>rows.unit</c>): microseconds for runs of
/// the harness, picoseconds for BenchmarkDotNet benchmarks: a few nanoseconds would round to 0 us, and in whole ns a
/// 5 ns benchmark would move in steps of 20 %, coarser than <c>history check</c>'s tolerance.
/// </summary>
public enum HistoryUnit
{
    /// <summary>Microseconds (<c>us</c>), as in run.json.</summary>
    Microseconds,

    /// <summary>Picoseconds (<c>ps</c>): BenchmarkDotNet's nanoseconds to three decimals; shown in ns.</summary>
    Picoseconds,
}
