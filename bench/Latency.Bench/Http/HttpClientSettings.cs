using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Latency.Bench.Http;

/// <summary>How a <see cref="HandsetHttpClient"/> connects.</summary>
public sealed record HttpClientSettings
{
    /// <summary><c>1.1</c> or <c>2</c>; HTTP/2 uses ALPN over TLS and prior knowledge (h2c) over plain TCP.</summary>
    public Version HttpVersion { get; init; } = System.Net.HttpVersion.Version11;

    /// <summary>Most connections per origin (for HTTP/1.1 this caps requests in flight, as wrk2's connections do).</summary>
    public int MaxConnectionsPerServer { get; init; } = 100;

    /// <summary>
    /// HTTP/1.1 only: send each request on the connection idle longest, so each of the
    /// <see cref="MaxConnectionsPerServer"/> connections carries an equal share of the rate, as wrk2's connections do
    /// (all of them get opened). False leaves the choice to SocketsHttpHandler, which reuses the connection freed
    /// last: at a steady rate that connection is written again within Linux's delayed-ACK timeout (40 ms) of its last
    /// response, the kernel then delays its ACKs, and a server that sends headers and body in two writes with Nagle
    /// on (Python's http.server) holds the body until the ACK comes: ~40 ms a request where wrk2 reads 0.2-0.5 ms.
    /// False suits a client that plays one user's requests (a session); load scenarios set it.
    /// </summary>
    public bool UseConnectionsInTurn { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Extra roots to trust, e.g. the emulated world's CA. The system store still applies otherwise; certificate
    /// validation is never switched off.
    /// </summary>
    public X509Certificate2Collection? TrustedRoots { get; init; }

    /// <summary>
    /// Creates the TCP socket for a new connection, e.g. inside a probe's network namespace; null for a plain socket.
    /// </summary>
    public Func<AddressFamily, Socket>? SocketFactory { get; init; }

    /// <summary>
    /// Where to connect instead of resolving the URL's host, e.g. a relay's loopback port; the URL's host is still
    /// what TLS checks the certificate against. Null, or a null answer, resolves as usual.
    /// </summary>
    public Func<DnsEndPoint, IPEndPoint?>? EndpointOverride { get; init; }

    /// <summary>
    /// Whether TLS may resume a session from an earlier connection to the same host (what a phone does when it
    /// talked to the host recently). False forces a full handshake on every new connection.
    /// </summary>
    public bool AllowTlsResume { get; init; } = true;

    public static Version ParseHttpVersion(string text) => text switch
    {
        "1.1" or "1" => System.Net.HttpVersion.Version11,
        "2" or "2.0" => System.Net.HttpVersion.Version20,
        _ => throw new ArgumentException($"HTTP version must be 1.1 or 2 (got '{text}')", nameof(text)),
    };
}
