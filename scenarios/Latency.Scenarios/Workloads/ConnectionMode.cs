namespace Latency.Scenarios.Workloads;

/// <summary>How a session's first request to a deployment finds its connection.</summary>
public enum ConnectionMode
{
    /// <summary>A new TCP connection and a full TLS 1.3 handshake (an app opened after a while).</summary>
    New,

    /// <summary>A new TCP connection with TLS session resumption (the app talked to this host recently).</summary>
    Resumed,

    /// <summary>An open connection (HTTP/2 kept alive, e.g. a push channel): set up before the session's clock starts.</summary>
    Warm,
}
