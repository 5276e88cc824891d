namespace Latency.Bench.Study;

/// <summary>How one adaptively sampled cell ended.</summary>
/// <param name="Scenario">The cell's scenario, <c>&lt;probe&gt;.&lt;workload&gt;</c>.</param>
/// <param name="ReachedAt">When its interval first was narrow enough (from the run's start); null: never.</param>
/// <param name="HalfWidth">Its interval's half-width / gain when last evaluated; +infinity with too few sessions.</param>
public sealed record AdaptiveCellResult(string Scenario, TimeSpan? ReachedAt, double HalfWidth);
