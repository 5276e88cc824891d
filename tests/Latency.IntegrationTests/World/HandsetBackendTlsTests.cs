using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Latency.Bench.Http;
using Latency.World.Backend;
using Latency.World.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Latency.IntegrationTests.World;

/// <summary>
/// The handset backend over TLS 1.3 with a certificate from the world CA: both HTTP versions on one port by ALPN,
/// reached by our client trusting only that CA, on a port Kestrel binds or on a listening socket it is handed.
/// </summary>
public sealed class HandsetBackendTlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly WorldCertificateAuthority _ca = WorldCertificateAuthority.Create("test");
    private readonly X509Certificate2 _leaf;

    public HandsetBackendTlsTests()
    {
        _leaf = _ca.IssueServerCertificate(["beijing.world.latency"], [IPAddress.Loopback]);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2")]
    public async Task StartAsync_Tls13_ServesHealthBytesAndUploadOverAskedVersion(string version)
    {
        await using var backend = await HandsetBackend.StartAsync(TlsOptions(), CancellationToken.None);
        using var client = new HandsetHttpClient(new HttpClientSettings
        {
            HttpVersion = HttpClientSettings.ParseHttpVersion(version),
            TrustedRoots = [_ca.Certificate],
        });

        var health = await client.SendAsync(HttpMethod.Get, new Uri(backend.BaseUrl, "health"), null, 0, Timeout, CancellationToken.None);
        var bytes = await client.SendAsync(HttpMethod.Get, new Uri(backend.BaseUrl, "bytes/1000"), null, 0, Timeout, CancellationToken.None);
        var upload = await client.SendAsync(HttpMethod.Post, new Uri(backend.BaseUrl, "upload"), null, 100_000, Timeout, CancellationToken.None);

        Assert.Equal("https", backend.BaseUrl.Scheme);
        Assert.False(health.IsError, health.Message);
        Assert.Equal(2, health.SizeBytes); // "ok"
        Assert.True(health.Phases!.TlsMicros > 0, "the first request made a TLS connection");
        Assert.False(bytes.IsError, bytes.Message);
        Assert.Equal(1000, bytes.SizeBytes);
        Assert.False(upload.IsError, upload.Message);
    }

    [Theory]
    [InlineData("1.1", "HTTP/1.1")]
    [InlineData("2", "HTTP/2")]
    public async Task StartAsync_Http1AndHttp2OverTls_AlpnNegotiatesAskedProtocol(string version, string expected)
    {
        await using var backend = await HandsetBackend.StartAsync(TlsOptions(), CancellationToken.None);
        using var http = TrustingClient(HttpClientSettings.ParseHttpVersion(version));

        using var response = await http.GetAsync(new Uri(backend.BaseUrl, "protocol"));

        response.EnsureSuccessStatusCode();
        Assert.Equal(HttpClientSettings.ParseHttpVersion(version), response.Version);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2")]
    public async Task Upload_OverTls_AnswersBodySize(string version)
    {
        await using var backend = await HandsetBackend.StartAsync(TlsOptions(), CancellationToken.None);
        using var http = TrustingClient(HttpClientSettings.ParseHttpVersion(version));

        using var response = await http.PostAsync(new Uri(backend.BaseUrl, "upload"), new ByteArrayContent(new byte[123_457]));

        response.EnsureSuccessStatusCode();
        var receipt = await response.Content.ReadFromJsonAsync<UploadReceiptDto>();
        Assert.Equal(123_457, receipt!.Bytes);
    }

    [Fact]
    public async Task StartAsync_Tls12Client_Refused()
    {
        await using var backend = await HandsetBackend.StartAsync(TlsOptions(), CancellationToken.None);
        using var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12,
                CertificateChainPolicy = CustomRootPolicy(),
            },
        };
        using var http = new HttpClient(handler);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(backend.BaseUrl, "health")));
    }

    [Fact]
    public async Task StartAsync_ClientWithoutWorldCa_TlsErrorNeverAccepted()
    {
        await using var backend = await HandsetBackend.StartAsync(TlsOptions(), CancellationToken.None);
        using var client = new HandsetHttpClient(new HttpClientSettings());

        var response = await client.SendAsync(HttpMethod.Get, new Uri(backend.BaseUrl, "health"), null, 0, Timeout, CancellationToken.None);

        Assert.True(response.IsError);
        Assert.Equal("tls_error", response.ErrorKind);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task StartAsync_SocketBoundByCaller_ServesOverTlsOnThatPort(string version)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen();
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;

        await using var backend = await HandsetBackend.StartAsync(socket, TlsOptions(), CancellationToken.None);
        using var client = new HandsetHttpClient(new HttpClientSettings
        {
            HttpVersion = HttpClientSettings.ParseHttpVersion(version),
            TrustedRoots = [_ca.Certificate],
        });
        var bytes = await client.SendAsync(HttpMethod.Get, new Uri($"https://127.0.0.1:{port}/bytes/1000"), null, 0, Timeout, CancellationToken.None);

        Assert.Equal(new Uri($"https://127.0.0.1:{port}/"), backend.BaseUrl);
        Assert.False(bytes.IsError, bytes.Message);
        Assert.Equal(1000, bytes.SizeBytes);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task StartAsync_SocketBoundByCaller_CallerDisposesItsSocket_BackendServesThenClosesDuplicate()
    {
        HandsetBackend backend;
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // bound, not listening: the backend starts listening
            backend = await HandsetBackend.StartAsync(socket, TlsOptions(), CancellationToken.None);
        }

        await using (backend)
        {
            using var http = TrustingClient(HttpVersion.Version20);
            using var response = await http.GetAsync(new Uri(backend.BaseUrl, "protocol"));
            Assert.Equal("HTTP/2", await response.Content.ReadAsStringAsync());
        }

        // Disposing the backend closed its duplicate: nothing listens any more (a leaked descriptor would still accept).
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, backend.BaseUrl.Port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task StartAsync_PlainHttp2Only_ServesH2cPriorKnowledge()
    {
        await using var backend = await HandsetBackend.StartAsync(new HandsetBackendOptions { Protocols = HttpProtocols.Http2 }, CancellationToken.None);
        using var client = new HandsetHttpClient(new HttpClientSettings { HttpVersion = HttpVersion.Version20 });

        var bytes = await client.SendAsync(HttpMethod.Get, new Uri(backend.BaseUrl, "bytes/1000"), null, 0, Timeout, CancellationToken.None);

        Assert.Equal("http", backend.BaseUrl.Scheme);
        Assert.False(bytes.IsError, bytes.Message);
        Assert.Equal(1000, bytes.SizeBytes);
    }

    [Fact]
    public async Task StartAsync_CertificateWithoutKey_ThrowsListingProblem()
    {
        var options = new HandsetBackendOptions { Certificate = _ca.Certificate, Port = 70_000 };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => HandsetBackend.StartAsync(options, CancellationToken.None));

        Assert.Contains("no private key", error.Message);
        Assert.Contains("port must be between 0 and 65535", error.Message);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2")]
    public async Task ServerMs_OverTls_AddsAtLeastThatMuchTime(string version)
    {
        await using var backend = await HandsetBackend.StartAsync(TlsOptions(), CancellationToken.None);
        using var client = new HandsetHttpClient(new HttpClientSettings
        {
            HttpVersion = HttpClientSettings.ParseHttpVersion(version),
            TrustedRoots = [_ca.Certificate],
        });
        var warm = await client.SendAsync(HttpMethod.Get, new Uri(backend.BaseUrl, "health"), null, 0, Timeout, CancellationToken.None);
        Assert.False(warm.IsError, warm.Message);

        var watch = Stopwatch.StartNew();
        var slow = await client.SendAsync(HttpMethod.Get, new Uri(backend.BaseUrl, "bytes/10?server_ms=150"), null, 0, Timeout, CancellationToken.None);
        watch.Stop();

        Assert.False(slow.IsError, slow.Message);
        // .NET timers count whole milliseconds of a coarse tick, so a 150 ms delay can end a few ms early (seen:
        // 147.98 ms): allow 5 ms.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(145), $"took {watch.Elapsed.TotalMilliseconds} ms");
        Assert.True(slow.Phases!.TtfbMicros >= 145_000, $"time to first byte {slow.Phases.TtfbMicros} us");
    }

    public void Dispose()
    {
        _leaf.Dispose();
        _ca.Dispose();
    }

    private HandsetBackendOptions TlsOptions() => new() { Address = IPAddress.Loopback, Port = 0, Certificate = _leaf };

    private X509ChainPolicy CustomRootPolicy()
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(_ca.Certificate);
        return policy;
    }

    /// <summary>A plain HttpClient that trusts the world CA through the chain policy (validation stays on), for reading bodies.</summary>
    private HttpClient TrustingClient(Version version)
    {
        var handler = new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = CustomRootPolicy() } };
        return new HttpClient(handler, disposeHandler: true)
        {
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout,
        };
    }

    private sealed record UploadReceiptDto(long Bytes);
}
