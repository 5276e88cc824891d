namespace Latency.Micro.MaxRate;

/// <summary>What one client achieved against the server: throughput, latency quantiles, errors and CPU use.</summary>
/// <param name="Client">How the client was run, e.g. <c>wrk -t2 -c50</c>.</param>
/// <param name="RequestsPerSecond">Completed requests per measured second.</param>
/// <param name="P50Millis">Median latency in milliseconds.</param>
/// <param name="P99Millis">99th percentile latency in milliseconds.</param>
/// <param name="Requests">Requests completed in the measured time.</param>
/// <param name="Errors">Failed requests (status >= 400, socket errors, timeouts).</param>
/// <param name="ClientCpuCores">Average cores the client kept busy (CPU seconds / wall seconds); null when unknown.</param>
/// <param name="ServerCpuCores">Average cores the server kept busy over the same window; null when it shares the client's process.</param>
public sealed record RateFigures(
    string Client,
    double RequestsPerSecond,
    double P50Millis,
    double P99Millis,
    long Requests,
    long Errors,
    double? ClientCpuCores,
    double? ServerCpuCores);
