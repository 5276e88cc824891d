using Latency.Bench.Http;

namespace Latency.Bench.Load;

/// <summary>
/// What an iteration or step returns, as in NBomber: <see cref="Ok"/> or <see cref="Fail"/>. Errors are data: a
/// failed response carries a kind (<c>http_503</c>, <c>timeout</c>, <c>connection_refused</c>, ...) that reports count.
/// </summary>
public sealed record Response
{
    private Response() { }

    public bool IsError { get; private init; }

    public int? StatusCode { get; private init; }

    /// <summary>Short machine-friendly kind for failures, e.g. <c>http_503</c> or <c>timeout</c>; null when ok.</summary>
    public string? ErrorKind { get; private init; }

    public string? Message { get; private init; }

    /// <summary>Response body bytes received (read to the end, or as far as the failure let it).</summary>
    public long SizeBytes { get; private init; }

    /// <summary>Request body bytes handed to the connection: the user data this request sent.</summary>
    public long SentBytes { get; private init; }

    /// <summary>Phases of the HTTP request behind this response, when it was one.</summary>
    public RequestPhases? Phases { get; private init; }

    /// <summary>
    /// Where a composite step's time went (a session's critical path); null for a single request, whose
    /// <see cref="Phases"/> are its own.
    /// </summary>
    public CriticalPathTimes? CriticalPath { get; private init; }

    public static Response Ok(int? statusCode = null, long sizeBytes = 0, RequestPhases? phases = null) =>
        new() { StatusCode = statusCode, SizeBytes = sizeBytes, Phases = phases };

    public static Response Fail(string errorKind, string? message = null, int? statusCode = null, RequestPhases? phases = null) =>
        new() { IsError = true, ErrorKind = errorKind, Message = message, StatusCode = statusCode, Phases = phases };

    /// <summary>This response with the body bytes that went each way, as the client counted them.</summary>
    /// <param name="sent">Request body bytes handed to the connection.</param>
    /// <param name="received">Response body bytes read.</param>
    public Response WithBodyBytes(long sent, long received) => this with { SentBytes = sent, SizeBytes = received };

    /// <summary>
    /// This response as the outcome of a composite step with that critical path, without request phases: a session
    /// returns its last request's response, whose phases are not the session's (they were recorded as the session's
    /// own until issue 10, point 7).
    /// </summary>
    /// <param name="path">The step's critical path.</param>
    public Response WithCriticalPath(CriticalPathTimes path) => this with { Phases = null, CriticalPath = path };
}
