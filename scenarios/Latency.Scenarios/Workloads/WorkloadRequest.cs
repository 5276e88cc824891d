namespace Latency.Scenarios.Workloads;

/// <summary>
/// One app request. Against the world's handset backend the path can be derived from what the request does
/// (<c>GET /bytes/{ResponseBytes}?server_ms=..</c>, <c>POST /upload?server_ms=..</c> with a body of
/// <see cref="RequestBytes"/>); an explicit <see cref="Path"/> is used as given (real endpoints, HAR imports).
/// </summary>
/// <param name="Name">Unique within the workload; names the step in results.</param>
/// <param name="Method">GET, POST, PUT, ...</param>
/// <param name="Role">Which deployment role it talks to (<c>service</c>: the deployment under test).</param>
/// <param name="Path">Explicit path and query, or null to derive it.</param>
/// <param name="RequestBytes">Body size sent (uploads are limited by the probe's uplink).</param>
/// <param name="ResponseBytes">Body size answered.</param>
/// <param name="ServerTime">Time the service spends before answering.</param>
/// <param name="Offset">For replays (HAR): when the request started, from the session's start; null for sequential items.</param>
public sealed record WorkloadRequest(
    string Name,
    string Method,
    string Role,
    string? Path,
    long RequestBytes,
    long ResponseBytes,
    TimeSpan ServerTime,
    TimeSpan? Offset = null) : WorkloadStep
{
    public const string ServiceRole = "service";

    /// <summary>The path and query to request against a handset backend.</summary>
    public string EffectivePath()
    {
        if (Path is not null)
        {
            return Path;
        }

        var serverMs = ServerTime.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        var query = ServerTime > TimeSpan.Zero ? $"?server_ms={serverMs}" : string.Empty;
        return Method is "GET" or "HEAD" ? $"/bytes/{ResponseBytes}{query}" : $"/upload{query}";
    }
}
