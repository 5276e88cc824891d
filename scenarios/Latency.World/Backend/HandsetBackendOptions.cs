using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Latency.World.Backend;

/// <summary>
/// Where and how a <see cref="HandsetBackend"/> listens.
/// </summary>
/// <remarks>
/// With a <see cref="Certificate"/> the backend speaks TLS 1.3 only, and <see cref="HttpProtocols.Http1AndHttp2"/>
/// lets ALPN pick HTTP/1.1 or HTTP/2 on the same port, as handsets do. Without one it speaks plain HTTP: there is no
/// ALPN to choose with, so Kestrel serves <see cref="HttpProtocols.Http1AndHttp2"/> as HTTP/1.1 only; set
/// <see cref="Protocols"/> to <see cref="HttpProtocols.Http2"/> for an h2c (HTTP/2 prior knowledge) endpoint.
/// The world serves HTTP/2 over TLS.
/// </remarks>
public sealed record HandsetBackendOptions
{
    /// <summary>The address to bind; ignored when the backend is given a listening socket.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port to bind, 0 for a free one; ignored when the backend is given a listening socket.</summary>
    public int Port { get; init; }

    /// <summary>The server certificate with its private key (e.g. from the world CA); null for plain HTTP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>HTTP versions served; see the remarks for what each means with and without TLS.</summary>
    public HttpProtocols Protocols { get; init; } = HttpProtocols.Http1AndHttp2;

    public HandsetBackendOptions WithAddress(IPAddress address, int port) => this with { Address = address, Port = port };

    public HandsetBackendOptions WithCertificate(X509Certificate2? certificate) => this with { Certificate = certificate };

    public HandsetBackendOptions WithProtocols(HttpProtocols protocols) => this with { Protocols = protocols };

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add($"port must be between 0 and 65535 (got {Port})");
        }

        if (Certificate is { HasPrivateKey: false })
        {
            errors.Add("the server certificate has no private key");
        }

        if (Protocols is not (HttpProtocols.Http1 or HttpProtocols.Http2 or HttpProtocols.Http1AndHttp2))
        {
            errors.Add($"protocols must be Http1, Http2 or Http1AndHttp2 (got {Protocols})");
        }

        return errors;
    }
}
