namespace Latency.Scenarios.Suites;

/// <summary>
/// What was measured for a scenario (or one of its steps), in the form <see cref="ThresholdEvaluator"/> needs. A
/// function of the percentile rather than a histogram keeps the evaluator free of any recording library.
/// </summary>
/// <param name="LatencyAtPercentileMicros">Latency at a percentile in (0, 100), in microseconds, e.g. from an HdrHistogram.</param>
/// <param name="MaxMicros">The largest latency recorded, in microseconds.</param>
/// <param name="Iterations">Iterations (or step calls) that completed, failed ones included.</param>
/// <param name="Errors">Iterations (or step calls) that failed.</param>
/// <param name="Dropped">Open-model iterations that were not started because they could not start in time.</param>
/// <param name="Intended">Iterations the load model intended to start, dropped ones included.</param>
public sealed record ThresholdObservation(
    Func<double, long> LatencyAtPercentileMicros,
    long MaxMicros,
    long Iterations,
    long Errors,
    long Dropped,
    long Intended);
