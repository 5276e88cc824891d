using System.Diagnostics;
using System.Net;
using Latency.Scenarios.Workloads;
using Latency.World.Backend;

namespace Latency.IntegrationTests.World;

/// <summary>
/// The handset backend answers any method and path from a request's instruction headers (issue 10, point 6): a
/// replayed capture of a real app uses the app's paths and methods, which the backend has no routes for.
/// </summary>
public sealed class HandsetBackendInstructionTests : IAsyncLifetime
{
    private HandsetBackend _backend = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => _backend = await HandsetBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _backend.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/v2/feed?x=1")]
    [InlineData("POST", "/v1/items")]
    [InlineData("PUT", "/v1/items/42")]
    [InlineData("PATCH", "/v1/items/42")]
    [InlineData("DELETE", "/v1/items/42")]
    [InlineData("OPTIONS", "/v1/items/42")]
    [InlineData("GET", "/static/app.js")]
    [InlineData("DELETE", "/upload")] // a route of its own that takes POST, PUT, PATCH: was 405
    [InlineData("GET", "/health")] // the instruction wins over the named endpoint's own answer ("ok")
    public async Task AnyMethodAndPath_WithInstruction_Answers200WithTheAskedBytes(string method, string path)
    {
        using var response = await SendAsync(method, path, bytes: "1234", serverMs: "1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1234, response.Content.Headers.ContentLength);
        Assert.Equal(1234, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Head_WithInstruction_GivesContentLengthAndNoBody()
    {
        using var response = await SendAsync("HEAD", "/v1/items/42", bytes: "5000", serverMs: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5000, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_WithInstruction_ReadsTheBodyWaitsThenAnswersTheAskedSize()
    {
        using var request = Request("POST", "/v1/photos", bytes: "3", serverMs: "60");
        request.Content = new ByteArrayContent(new byte[300_000]);
        var started = Stopwatch.GetTimestamp();

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, body.Length);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(60), "the server time was not waited");
    }

    [Fact]
    public async Task BadInstruction_Answers400NamingEveryBadHeader()
    {
        using var response = await SendAsync("GET", "/v2/feed", bytes: "lots", serverMs: "-3");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "X-Latency-Response-Bytes must be a whole number of bytes from 0 to 1073741824 (got 'lots')\n" +
            "X-Latency-Server-Ms must be a number of milliseconds from 0 to 3600000 (got '-3')\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutInstruction_NamedEndpointsAreUnchangedAndOtherPathsAre404()
    {
        using var health = await SendAsync("GET", "/health", bytes: null, serverMs: null);
        using var bytes = await SendAsync("GET", "/bytes/777", bytes: null, serverMs: null);
        using var unknown = await SendAsync("GET", "/v2/feed", bytes: null, serverMs: null);

        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
        Assert.Equal(777, (await bytes.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? bytes, string? serverMs)
    {
        using var request = Request(method, path, bytes, serverMs);
        return await _http.SendAsync(request);
    }

    private HttpRequestMessage Request(string method, string path, string? bytes, string? serverMs)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(_backend.BaseUrl, path));
        if (bytes is not null)
        {
            request.Headers.Add(ResponseInstructionHeaders.ResponseBytes, bytes);
        }

        if (serverMs is not null)
        {
            request.Headers.Add(ResponseInstructionHeaders.ServerMs, serverMs);
        }

        return request;
    }
}
