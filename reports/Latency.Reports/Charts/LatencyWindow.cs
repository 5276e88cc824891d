namespace Latency.Reports.Charts;

/// <summary>One window of a <see cref="LatencyOverTimeChart"/>: session time quantiles of the sessions recorded in it.</summary>
/// <param name="StartSeconds">Start of the window, seconds since the run's start.</param>
/// <param name="EndSeconds">End of the window, seconds since the run's start.</param>
/// <param name="Count">Sessions recorded in the window.</param>
/// <param name="P50Ms">Median session time in ms.</param>
/// <param name="P95Ms">95th percentile session time in ms.</param>
public sealed record LatencyWindow(double StartSeconds, double EndSeconds, long Count, double P50Ms, double P95Ms);
