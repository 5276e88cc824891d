using Latency.Bench.Load;

namespace Latency.Bench.Study;

/// <summary>
/// Counts what one option's sessions of one cell sent to and received from one deployment: requests that reached it
/// and body bytes each way, from each response as the client measured it. Thread-safe.
/// </summary>
public sealed class FlowCounter
{
    private long _requests;
    private long _sent;
    private long _received;

    /// <summary>Requests that reached the deployment: answered, or at least part of their body sent.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Request body bytes handed to the connection.</summary>
    public long BytesSent => Interlocked.Read(ref _sent);

    /// <summary>Response body bytes read.</summary>
    public long BytesReceived => Interlocked.Read(ref _received);

    /// <summary>Counts one request's outcome.</summary>
    /// <param name="response">What the client returned for it.</param>
    public void Count(Response response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // A request refused before a byte left (connection refused, DNS) never reached the deployment.
        if (response.StatusCode is not null || response.SentBytes > 0)
        {
            Interlocked.Increment(ref _requests);
        }

        Interlocked.Add(ref _sent, response.SentBytes);
        Interlocked.Add(ref _received, response.SizeBytes);
    }
}
