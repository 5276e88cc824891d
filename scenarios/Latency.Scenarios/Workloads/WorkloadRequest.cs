namespace Latency.Scenarios.Workloads;

/// <summary>
/// One app request. Its path is either explicit (<see cref="Path"/>: real endpoints, HAR imports, sent as given) or
/// derived from what the request does (<c>GET /bytes/{ResponseBytes}?server_ms=..</c>, <c>POST /upload?server_ms=..</c>
/// with a body of <see cref="RequestBytes"/>). Either way it carries <see cref="InstructionHeaders"/>, from which the
/// handset backend answers it, whatever the method and path.
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

    /// <summary>The longest server time a workload may ask for.</summary>
    public static readonly TimeSpan MaxServerTime = TimeSpan.FromHours(1);

    /// <summary>The path and query to request against a handset backend.</summary>
    public string EffectivePath()
    {
        if (Path is not null)
        {
            return Path;
        }

        var query = ServerTime > TimeSpan.Zero ? $"?server_ms={ServerMilliseconds()}" : string.Empty;
        return Method is "GET" or "HEAD" ? $"/bytes/{ResponseBytes}{query}" : $"/upload{query}";
    }

    /// <summary>
    /// The <see cref="ResponseInstructionHeaders"/> telling the handset backend to answer with
    /// <see cref="ResponseBytes"/> after <see cref="ServerTime"/>. Sent with every request, zeros included: a recorded
    /// empty answer at a path the backend does not know must still be answered, not 404.
    /// </summary>
    public IReadOnlyDictionary<string, string> InstructionHeaders() => new Dictionary<string, string>(2, StringComparer.OrdinalIgnoreCase)
    {
        [ResponseInstructionHeaders.ResponseBytes] = ResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [ResponseInstructionHeaders.ServerMs] = ServerMilliseconds(),
    };

    // Microseconds are finer than any server time a workload or capture gives.
    private string ServerMilliseconds() => ServerTime.TotalMilliseconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
