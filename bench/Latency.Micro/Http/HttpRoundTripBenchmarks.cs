using System.Net;
using BenchmarkDotNet.Attributes;
using Latency.Bench.Http;
using Latency.Bench.Load;

namespace Latency.Micro.Http;

/// <summary>
/// One HTTP/1.1 GET on a warm keep-alive connection to an in-process Kestrel on loopback: our
/// <see cref="HandsetHttpClient"/> (phase timing, error mapping, body drain) against a plain
/// <see cref="HttpClient"/> as the baseline. Client and server share the process and the cores, so the absolute
/// figure is a loopback round trip on this machine; the difference between the rows is the client's own overhead.
/// </summary>
[MemoryDiagnoser]
public class HttpRoundTripBenchmarks
{
    private OkServer _server = null!;
    private HandsetHttpClient _handset = null!;
    private HttpClient _plain = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _server = await OkServer.StartAsync(0, CancellationToken.None);
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
        using var response = await _plain.GetAsync(_server.BaseUrl, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.Length;
    }

    /// <summary>HandsetHttpClient.SendAsync, phases timed.</summary>
    [Benchmark]
    public async Task<long> HandsetSend()
    {
        var response = await _handset.SendAsync(HttpMethod.Get, _server.BaseUrl, null, 0, TimeSpan.FromSeconds(5), CancellationToken.None);
        return response.IsError ? throw new InvalidOperationException(response.Message) : response.SizeBytes;
    }
}
