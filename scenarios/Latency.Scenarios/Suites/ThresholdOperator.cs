namespace Latency.Scenarios.Suites;

/// <summary>How a threshold compares what was observed with its value; the threshold passes when the comparison holds.</summary>
public enum ThresholdOperator
{
    /// <summary><c>&lt;</c></summary>
    LessThan,

    /// <summary><c>&lt;=</c></summary>
    LessThanOrEqual,

    /// <summary><c>&gt;</c></summary>
    GreaterThan,

    /// <summary><c>&gt;=</c></summary>
    GreaterThanOrEqual,

    /// <summary><c>==</c>: residency thresholds only (<c>residency: CN bytes_sent == 0</c>); a latency is never exactly a value.</summary>
    Equal,
}
