namespace Latency.Reports.Publish;

/// <summary>
/// One CloudWatch metric datum as PutMetricData (or an EMF line) carries it: a name, dimensions, a timestamp, a unit
/// and either one value or a distribution. Our own record: no AWS package models it here (AWSSDK.CloudWatch is not
/// served), and the publishing and EMF writers both read this one.
/// </summary>
/// <param name="MetricName">The metric's name, e.g. <c>SessionTime</c>.</param>
/// <param name="Dimensions">Name and value pairs, in the order they are sent (at most 30).</param>
/// <param name="Timestamp">When the datum's samples were taken (the start of their minute).</param>
/// <param name="Unit">CloudWatch's unit name: <c>Milliseconds</c>, <c>Count</c> or <c>None</c>.</param>
/// <param name="Value">A single value, or null for a distribution.</param>
/// <param name="Distribution">Values and counts, or null for a single value.</param>
public sealed record MetricDatum(
    string MetricName,
    IReadOnlyList<KeyValuePair<string, string>> Dimensions,
    DateTimeOffset Timestamp,
    string Unit,
    double? Value = null,
    MetricDistribution? Distribution = null)
{
    /// <summary>CloudWatch's limit on dimensions per metric.</summary>
    public const int MaxDimensions = 30;

    /// <summary>The metric's identity: name and dimensions (what CloudWatch bills as one custom metric).</summary>
    public string MetricKey => MetricName + "|" + string.Join("|", Dimensions.Select(d => d.Key + "=" + d.Value));
}
