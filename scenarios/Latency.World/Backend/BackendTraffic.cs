namespace Latency.World.Backend;

/// <summary>
/// What a <see cref="HandsetBackend"/> has received and answered since it started: requests, request body bytes
/// read and response body bytes written, counted where the backend reads and writes them. It is the other side of
/// the harness's residency counts (what its sessions sent to and received from each deployment), so a test can hold
/// one against the other. Thread-safe; cheap (three interlocked adds per request).
/// </summary>
public sealed class BackendTraffic
{
    private long _requests;
    private long _requestBodyBytes;
    private long _responseBodyBytes;

    /// <summary>Requests that reached the backend, answered or not.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Request body bytes read (uploads, credentials, tokens).</summary>
    public long RequestBodyBytes => Interlocked.Read(ref _requestBodyBytes);

    /// <summary>Response body bytes written (to HEAD: none).</summary>
    public long ResponseBodyBytes => Interlocked.Read(ref _responseBodyBytes);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Read(long bytes) => Interlocked.Add(ref _requestBodyBytes, bytes);

    internal void Wrote(long bytes) => Interlocked.Add(ref _responseBodyBytes, bytes);
}
