namespace Latency.Bench.Publish;

/// <summary>
/// How one CloudWatch call ended, after its retries: the HTTP status (0 when no answer came), the service's error code
/// and message when it refused, and how many attempts it took.
/// </summary>
/// <param name="Status">The last HTTP status, or 0 when the endpoint could not be reached.</param>
/// <param name="ErrorCode">The service's error code (e.g. <c>Throttling</c>, <c>InvalidParameterValue</c>), or null on success.</param>
/// <param name="Message">The service's message (or the connection error's), or null on success.</param>
/// <param name="Attempts">Requests sent, the first included.</param>
public sealed record CloudWatchResponse(int Status, string? ErrorCode, string? Message, int Attempts)
{
    /// <summary>Error codes CloudWatch (and AWS JSON services in general) answer when a caller is going too fast.</summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "RequestLimitExceeded", "RequestThrottled", "LimitExceededException",
    };

    /// <summary>The call succeeded (2xx).</summary>
    public bool Succeeded => Status is >= 200 and < 300;

    /// <summary>
    /// Worth trying again: throttling, a server-side error (5xx) or no answer at all. A validation error (other 4xx) is
    /// not: the same request would be refused again.
    /// </summary>
    public bool Retryable => Status == 0 || Status == 429 || Status >= 500 || (ErrorCode is { } code && ThrottlingCodes.Contains(code));

    /// <summary>"403 SignatureDoesNotMatch: The request signature ...", for messages.</summary>
    public override string ToString() =>
        Succeeded ? $"{Status} OK" : Status == 0 ? $"no answer: {Message}" : $"{Status} {ErrorCode ?? "error"}: {Message}";
}
