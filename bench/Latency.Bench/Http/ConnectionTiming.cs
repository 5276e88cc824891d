namespace Latency.Bench.Http;

/// <summary>
/// Timestamps the connection path writes for the request that made it open a connection. SocketsHttpHandler hands
/// the triggering request to its ConnectCallback and PlaintextStreamFilter (<c>InitialRequestMessage</c>), so the
/// phases are measured where they happen. If the pool gives that new connection to another request first, the
/// triggering request still carries the timings: a documented approximation that only arises under contention.
/// </summary>
internal sealed class ConnectionTiming
{
    public long? DnsTicks;
    public long? ConnectTicks;
    public long? ConnectedAt;
    public long? TlsDoneAt;
}
