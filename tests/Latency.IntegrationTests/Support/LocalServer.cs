using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Latency.World.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// The tests' own real Kestrel server on loopback, for what the product's handset backend cannot do: <c>/</c> answers
/// "ok" at once and records when each request arrived and with which protocol; a stall can be armed so that every
/// request arriving inside the window waits until it ends; a test adds routes of its own (a 503, a slow answer).
/// Plain HTTP/1.1 (<see cref="StartAsync"/>) or TLS 1.3 with HTTP/1.1 and HTTP/2 by ALPN (<see cref="StartTlsAsync"/>)
/// with a certificate from a CA made for the server, which clients trust explicitly. Tests that need the service
/// the world runs use <see cref="Latency.World.Backend.HandsetBackend"/> itself.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WorldCertificateAuthority? _authority;
    private readonly X509Certificate2? _certificate;
    private long _stallStart = long.MaxValue;
    private long _stallEnd = long.MinValue;

    private LocalServer(WebApplication app, WorldCertificateAuthority? authority, X509Certificate2? certificate)
    {
        _app = app;
        _authority = authority;
        _certificate = certificate;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The CA a client must trust to reach a TLS server; null for plain HTTP.</summary>
    public X509Certificate2? Ca => _authority?.Certificate;

    /// <summary>Stopwatch timestamps at which requests to <c>/</c> arrived.</summary>
    public ConcurrentQueue<long> Arrivals { get; } = new();

    /// <summary>The protocol each request to <c>/</c> arrived with, e.g. <c>HTTP/2</c>.</summary>
    public ConcurrentQueue<string> Protocols { get; } = new();

    /// <summary>Plain HTTP/1.1 on 127.0.0.1, a free port; <paramref name="extraRoutes"/> maps a test's own endpoints.</summary>
    public static Task<LocalServer> StartAsync(Action<WebApplication>? extraRoutes = null) => StartCoreAsync(null, extraRoutes);

    /// <summary>
    /// TLS 1.3 only with HTTP/1.1 and HTTP/2 on one port (ALPN), a certificate for localhost and 127.0.0.1 signed by
    /// <see cref="Ca"/>; <see cref="BaseUrl"/> names localhost, as a client checking the certificate's name would.
    /// </summary>
    public static Task<LocalServer> StartTlsAsync() => StartCoreAsync(WorldCertificateAuthority.Create("latency test"), null);

    private static async Task<LocalServer> StartCoreAsync(WorldCertificateAuthority? authority, Action<WebApplication>? extraRoutes)
    {
        // Kept until the server is disposed: Kestrel uses it for every handshake.
        var certificate = authority?.IssueServerCertificate(["localhost"], [IPAddress.Loopback]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.SslProtocols = SslProtocols.Tls13;
                });
            }
        }));
        var app = builder.Build();
        var server = new LocalServer(app, authority, certificate);
        app.MapGet("/", (HttpContext http) => server.AnswerOkAsync(http));
        extraRoutes?.Invoke(app);
        await app.StartAsync();
        // Once started, Urls holds the address Kestrel bound (the port it picked).
        var bound = new Uri(app.Urls.First());
        server.BaseUrl = new Uri(certificate is null ? bound.AbsoluteUri : $"https://localhost:{bound.Port}/");
        return server;
    }

    private async Task AnswerOkAsync(HttpContext http)
    {
        var now = Stopwatch.GetTimestamp();
        Arrivals.Enqueue(now);
        Protocols.Enqueue(http.Request.Protocol);
        var stallStart = Interlocked.Read(ref _stallStart);
        var stallEnd = Interlocked.Read(ref _stallEnd);
        if (now >= stallStart && now < stallEnd)
        {
            await Task.Delay(Stopwatch.GetElapsedTime(now, stallEnd));
        }

        await http.Response.WriteAsync("ok");
    }

    /// <summary>From <paramref name="after"/> from now, for <paramref name="duration"/>, requests wait until the window ends.</summary>
    public void ArmStall(TimeSpan after, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency);
        Interlocked.Exchange(ref _stallEnd, start + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        Interlocked.Exchange(ref _stallStart, start);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate?.Dispose();
        _authority?.Dispose();
    }
}
