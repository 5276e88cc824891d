namespace Latency.Scenarios.Suites;

/// <summary>What a threshold measures.</summary>
public enum ThresholdMetric
{
    /// <summary><c>p&lt;N&gt;</c>: latency at a percentile (<see cref="ThresholdDefinition.Percentile"/>), in microseconds.</summary>
    Percentile,

    /// <summary><c>max</c>: the largest latency recorded, in microseconds.</summary>
    Max,

    /// <summary><c>errors</c>: failed iterations (or step calls), as a count or a percentage of all of them.</summary>
    Errors,

    /// <summary><c>dropped</c>: open-model iterations that could not start in time, as a count or a percentage of intended ones.</summary>
    Dropped,
}
