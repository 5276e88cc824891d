namespace Latency.Scenarios.Workloads;

/// <summary>
/// The request headers by which a workload request tells the handset backend how to answer it. They carry what the
/// workload records (response size, server time) next to whatever method and path the request has, so a capture of a
/// real app replays with the app's own paths, which the backend has no routes for. The backend answers any method and
/// path that carries them (see <c>HandsetBackend</c>); a real service ignores them.
/// </summary>
public static class ResponseInstructionHeaders
{
    /// <summary>Body bytes to answer: a whole number from 0 to the backend's largest response (1 GiB).</summary>
    public const string ResponseBytes = "X-Latency-Response-Bytes";

    /// <summary>
    /// Milliseconds the server spends after reading the request body and before answering: a number, fractions
    /// allowed (<c>0.5</c>), from 0 to one hour.
    /// </summary>
    public const string ServerMs = "X-Latency-Server-Ms";
}
