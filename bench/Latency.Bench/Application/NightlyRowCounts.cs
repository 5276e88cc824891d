namespace Latency.Bench.Application;

/// <summary>A comparison's rows by verdict, each row counted once (<see cref="NightlySummary.RowCounts"/>).</summary>
/// <param name="Regression">Rows with a regression at any quantile.</param>
/// <param name="Improvement">Rows without one but faster at some quantile.</param>
/// <param name="TooFewSamples">Rows neither slower nor faster that had too few samples to judge some quantile.</param>
/// <param name="NoChange">The rest: no change at any quantile.</param>
public sealed record NightlyRowCounts(int Regression, int Improvement, int TooFewSamples, int NoChange);
