using System.Collections.Concurrent;
using Latency.Bench.Http;
using Latency.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Latency.IntegrationTests.Http;

/// <summary>The HTTP client against real Kestrel over TLS 1.3: both protocols, phases from the connection path, errors as data.</summary>
public sealed class HandsetHttpClientTests
{
    [Theory]
    [InlineData("1.1", "HTTP/1.1")]
    [InlineData("2", "HTTP/2")]
    public async Task SendAsync_NewTlsConnection_RecordsEveryPhaseAndUsesAskedProtocol(string version, string expectedProtocol)
    {
        await using var server = await LocalServer.StartTlsAsync();
        using var client = new HandsetHttpClient(new HttpClientSettings
        {
            HttpVersion = HttpClientSettings.ParseHttpVersion(version),
            TrustedRoots = [server.Ca!],
        });

        var first = await client.SendAsync(HttpMethod.Get, server.BaseUrl, null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);
        var second = await client.SendAsync(HttpMethod.Get, server.BaseUrl, null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.False(first.IsError, first.Message);
        Assert.Equal(200, first.StatusCode);
        Assert.Equal(2, first.SizeBytes);
        var phases = first.Phases!;
        Assert.NotNull(phases.DnsMicros);
        Assert.True(phases.ConnectMicros > 0, "a new connection has a connect phase");
        Assert.True(phases.TlsMicros > 0, "a new https connection has a TLS phase");
        Assert.True(phases.TtfbMicros > 0);
        // The second request reuses the connection: no connection phases.
        Assert.False(second.Phases!.NewConnection);
        Assert.Null(second.Phases.TlsMicros);
        Assert.Equal([expectedProtocol, expectedProtocol], server.Protocols.ToArray());
    }

    [Fact]
    public async Task SendAsync_CertificateFromUnknownCa_FailsAsTlsErrorNeverAccepted()
    {
        await using var server = await LocalServer.StartTlsAsync();
        using var client = new HandsetHttpClient(new HttpClientSettings());

        var response = await client.SendAsync(HttpMethod.Get, server.BaseUrl, null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(response.IsError);
        Assert.Equal("tls_error", response.ErrorKind);
        Assert.Empty(server.Protocols);
    }

    [Fact]
    public async Task SendAsync_ConnectionsInTurn_EachRequestTakesTheConnectionIdleLongest()
    {
        var ports = new ConcurrentQueue<int>();
        await using var server = await LocalServer.StartAsync(app => app.MapGet("/port", (HttpContext http) =>
        {
            ports.Enqueue(http.Connection.RemotePort);
            return "ok";
        }));
        using var client = new HandsetHttpClient(new HttpClientSettings { MaxConnectionsPerServer = 3, UseConnectionsInTurn = true });

        var responses = new List<Latency.Bench.Load.Response>();
        for (var i = 0; i < 7; i++)
        {
            responses.Add(await client.SendAsync(HttpMethod.Get, new Uri(server.BaseUrl, "port"), null, 0, TimeSpan.FromSeconds(10), CancellationToken.None));
        }

        // One request at a time still goes round all three connections, as wrk2's do; the first use of each opens it
        // and carries its connect phase.
        Assert.All(responses, r => Assert.False(r.IsError, r.Message));
        var seen = ports.ToArray();
        Assert.Equal(3, seen.Distinct().Count());
        Assert.Equal([seen[0], seen[1], seen[2], seen[0], seen[1], seen[2], seen[0]], seen);
        Assert.Equal([true, true, true, false, false, false, false], responses.Select(r => r.Phases!.NewConnection));
    }

    [Fact]
    public async Task SendAsync_NothingListening_ConnectionRefusedAsData()
    {
        using var client = new HandsetHttpClient(new HttpClientSettings());

        var response = await client.SendAsync(HttpMethod.Get, new Uri("http://127.0.0.1:1/"), null, 0, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.True(response.IsError);
        Assert.Equal("connection_refused", response.ErrorKind);
    }

    [Fact]
    public async Task SendAsync_ServerSlowerThanTimeout_TimeoutAsData()
    {
        await using var server = await LocalServer.StartAsync();
        server.ArmStall(TimeSpan.Zero, TimeSpan.FromSeconds(3));
        using var client = new HandsetHttpClient(new HttpClientSettings());

        var response = await client.SendAsync(HttpMethod.Get, server.BaseUrl, null, 0, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        Assert.True(response.IsError);
        Assert.Equal("timeout", response.ErrorKind);
    }
}
