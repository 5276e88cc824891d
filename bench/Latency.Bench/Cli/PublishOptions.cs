namespace Latency.Bench.Cli;

/// <summary>What <c>latency publish</c> (and <c>run --publish cloudwatch</c>) was asked to do.</summary>
/// <param name="CloudWatch">Send the metrics to CloudWatch (PutMetricData).</param>
/// <param name="Namespace">The CloudWatch namespace.</param>
/// <param name="Region">The region, or null for the environment's.</param>
/// <param name="Endpoint">The endpoint URL, or null for the region's.</param>
/// <param name="DryRun">Print the requests instead of sending them.</param>
/// <param name="MaxMetrics">Refuse to create more custom metrics than this, or null for no cap.</param>
/// <param name="Dashboard">Also write this CloudWatch dashboard, or null.</param>
/// <param name="EmfFile">Also write the metrics as EMF lines to this file, or null.</param>
internal sealed record PublishOptions(bool CloudWatch, string Namespace = "Latency", string? Region = null, string? Endpoint = null,
    bool DryRun = false, int? MaxMetrics = null, string? Dashboard = null, string? EmfFile = null);
