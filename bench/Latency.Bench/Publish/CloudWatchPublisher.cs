using System.Text.Json;
using Latency.Reports.Publish;
using Latency.RunDirectory;

namespace Latency.Bench.Publish;

/// <summary>
/// Publishes a run directory to CloudWatch: plans the data and requests (<see cref="Plan"/>), then sends them one call
/// after another through a <see cref="CloudWatchSender"/> (retries are the sender's), and says which rows did not go
/// out. Calls go one at a time: PutMetricData allows 500 calls per second per account and region, far more than a
/// run needs, and one at a time keeps a throttled account from being hammered by our own retries.
/// </summary>
public static class CloudWatchPublisher
{
    /// <summary>Bodies from this size on are sent gzip-compressed: JSON of numbers shrinks several times, and a
    /// small one is not worth the CPU.</summary>
    public const int GzipFromBytes = 4_096;

    /// <summary>Error codes after which no further call can succeed with the same credentials: stop at once.</summary>
    private static readonly HashSet<string> CredentialErrors = new(StringComparer.Ordinal)
    {
        "SignatureDoesNotMatch", "InvalidClientTokenId", "UnrecognizedClientException", "MissingAuthenticationToken",
        "IncompleteSignature", "AccessDenied", "AccessDeniedException", "ExpiredToken", "ExpiredTokenException",
    };

    /// <summary>What publishing <paramref name="run"/> sends.</summary>
    /// <param name="run">The run directory's data.</param>
    /// <param name="metricNamespace">The CloudWatch namespace, e.g. <c>Latency</c>.</param>
    /// <param name="dashboardName">Also write this dashboard, or null.</param>
    /// <param name="region">The region the dashboard's widgets read from.</param>
    public static CloudWatchPlan Plan(RunData run, string metricNamespace, string? dashboardName, string region)
    {
        ArgumentNullException.ThrowIfNull(run);
        var data = RunMetrics.Of(run);
        return new CloudWatchPlan(metricNamespace, data, PutMetricDataBatches.Build(metricNamespace, data), dashboardName,
            dashboardName is null ? null : DashboardBody.For(run, metricNamespace, region));
    }

    /// <summary>Sends <paramref name="plan"/>; never throws for a refused or failed call, only for cancellation.</summary>
    /// <param name="plan">What to send.</param>
    /// <param name="sender">How to send it.</param>
    /// <param name="progress">Told one line per call as it ends.</param>
    /// <param name="cancellationToken">Stops sending; what went out stays out.</param>
    public static async Task<CloudWatchPublishResult> PublishAsync(CloudWatchPlan plan, CloudWatchSender sender, Action<string> progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(progress);
        var succeeded = 0;
        var failures = new List<string>();
        var unsent = new List<MetricDatum>();
        var credentialsRefused = false;
        for (var i = 0; i < plan.Batches.Count; i++)
        {
            var batch = plan.Batches[i];
            if (credentialsRefused)
            {
                unsent.AddRange(batch.Data);
                continue;
            }

            var response = await sender.SendAsync("PutMetricData", batch.Body, batch.Body.Length >= GzipFromBytes, cancellationToken)
                .ConfigureAwait(false);
            var call = $"PutMetricData {i + 1}/{plan.Batches.Count} ({batch.Data.Count} data, {batch.Body.Length:N0} bytes)";
            if (response.Succeeded)
            {
                succeeded++;
                progress($"{call}: accepted{Attempts(response)}");
                continue;
            }

            unsent.AddRange(batch.Data);
            credentialsRefused = response.ErrorCode is { } code && CredentialErrors.Contains(code);
            failures.Add($"{call}: {response}{Attempts(response)}");
            progress($"{call}: refused: {response}");
        }

        if (plan.DashboardBody is { } dashboard && !credentialsRefused)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["DashboardName"] = plan.DashboardName!,
                ["DashboardBody"] = dashboard,
            });
            var response = await sender.SendAsync("PutDashboard", body, gzip: false, cancellationToken).ConfigureAwait(false);
            if (response.Succeeded)
            {
                succeeded++;
                progress($"PutDashboard {plan.DashboardName}: accepted{Attempts(response)}");
            }
            else
            {
                failures.Add($"PutDashboard {plan.DashboardName}: {response}{Attempts(response)}");
                progress($"PutDashboard {plan.DashboardName}: failed: {response}");
            }
        }

        var rows = unsent.Select(d => string.Join(", ", d.Dimensions.Select(p => $"{p.Key}={p.Value}"))).Distinct(StringComparer.Ordinal).ToList();
        return new CloudWatchPublishResult(succeeded, failures, rows);
    }

    private static string Attempts(CloudWatchResponse response) => response.Attempts > 1 ? $" after {response.Attempts} attempts" : "";
}
