namespace Latency.History;

/// <summary>
/// The unit a <see cref="HistoryRow"/>'s quantiles are stored in (column <c>rows.unit</c>): microseconds for runs of
/// the harness, nanoseconds for BenchmarkDotNet benchmarks, whose tens of nanoseconds would round to 0 us.
/// </summary>
public enum HistoryUnit
{
    /// <summary>Microseconds (<c>us</c>), as in run.json.</summary>
    Microseconds,

    /// <summary>Nanoseconds (<c>ns</c>), as BenchmarkDotNet reports.</summary>
    Nanoseconds,
}
