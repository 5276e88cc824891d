using Latency.Reports.Publish;

namespace Latency.Bench.Publish;

/// <summary>
/// What a publish will send before anything is sent: the data, the PutMetricData requests, how many distinct custom
/// metrics they create (CloudWatch bills each per month and never deletes one; it expires 15 months after its last
/// datum) and the dashboard, if any.
/// </summary>
/// <param name="Namespace">The CloudWatch namespace.</param>
/// <param name="Data">Every datum, in order.</param>
/// <param name="Batches">The PutMetricData requests carrying them.</param>
/// <param name="DashboardName">The dashboard to write, or null.</param>
/// <param name="DashboardBody">Its body (CloudWatch's dashboard JSON), or null.</param>
public sealed record CloudWatchPlan(string Namespace, IReadOnlyList<MetricDatum> Data, IReadOnlyList<PutMetricDataBatch> Batches,
    string? DashboardName, string? DashboardBody)
{
    /// <summary>Distinct metrics (name and dimensions): what CloudWatch counts and bills as custom metrics.</summary>
    public int CustomMetrics => Data.Select(d => d.MetricKey).Distinct(StringComparer.Ordinal).Count();

    /// <summary>API calls the publish makes when nothing is retried.</summary>
    public int ApiCalls => Batches.Count + (DashboardBody is null ? 0 : 1);
}
