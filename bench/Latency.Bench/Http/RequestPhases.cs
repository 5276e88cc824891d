namespace Latency.Bench.Http;

/// <summary>
/// Where one request's time went, in microseconds, measured on the connection path itself (a ConnectCallback and a
/// plaintext stream filter), not sampled. Connection phases are null when the request reused a connection.
/// </summary>
public sealed record RequestPhases(long? DnsMicros, long? ConnectMicros, long? TlsMicros, long TtfbMicros, long TransferMicros)
{
    public bool NewConnection => ConnectMicros is not null;
}
