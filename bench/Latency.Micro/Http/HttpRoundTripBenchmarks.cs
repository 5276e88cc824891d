using System.Net;
using BenchmarkDotNet.Attributes;
using Latency.Bench.Http;
using Latency.Bench.Load;
using Latency.World.Backend;

namespace Latency.Micro.Http;

/// <summary>
/// One HTTP/1.1 GET on a warm keep-alive connection to an in-process handset backend (Kestrel, <c>GET /health</c>
/// answers "ok") on loopback: our
/// <see cref="HandsetHttpClient"/> (phase timing, error mapping, body drain) against a plain
/// <see cref="HttpClient"/> as the baseline. Client and server share the process and the cores, so the absolute
/// figure is a loopback round trip on this machine; the difference between the rows is the client's own overhead.
/// </summary>
[MemoryDiagnoser]
public class HttpRoundTripBenchmarks
{
    private HandsetBackend _server = null!;
    private Uri _url = null!;
    private HandsetHttpClient _handset = null!;
    private HttpClient _plain = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        _url = new Uri(_server.BaseUrl, "health");
        _handset = new HandsetHttpClient(new HttpClientSettings { HttpVersion = HttpVersion.Version11, MaxConnectionsPerServer = 1 });
        _plain = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false, UseCookies = false })
        {
            DefaultRequestVersion = HttpVersion.Version11,
        };
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _handset.Dispose();
        _plain.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Plain HttpClient: GET and read the body.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> PlainGet()
    {
        using var response = await _plain.GetAsync(_url, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.Length;
    }

    /// <summary>HandsetHttpClient.SendAsync, phases timed.</summary>
    [Benchmark]
    public async Task<long> HandsetSend()
    {
        var response = await _handset.SendAsync(HttpMethod.Get, _url, null, 0, TimeSpan.FromSeconds(5), CancellationToken.None);
        return response.IsError ? throw new InvalidOperationException(response.Message) : response.SizeBytes;
    }
}
