using Latency.Bench.Http;
using Latency.Bench.Load;

namespace Latency.Tests.Http;

/// <summary>
/// A request's timeout source comes from a pool (issue 17): one that fired must not be handed out again, one handed
/// out again must not fire on a later request, and the caller's token must still cancel a request. A raw socket
/// server on loopback answers <c>/fast</c> at once and never answers <c>/slow</c>.
/// </summary>
public class HandsetHttpClientTimeoutTests
{
    [Fact]
    public async Task SendAsync_TimeoutsBetweenAnswers_EachRequestHasItsOwnTimeout()
    {
        await using var server = await RawServer.StartAsync();
        using var client = new HandsetHttpClient(new HttpClientSettings { MaxConnectionsPerServer = 4 });
        for (var round = 0; round < 3; round++)
        {
            var slow = await client.SendAsync(HttpMethod.Get, server.Url("slow"), null, 0, TimeSpan.FromMilliseconds(200), CancellationToken.None);
            Assert.Equal(ErrorKinds.Timeout, slow.ErrorKind);
            var fast = await client.SendAsync(HttpMethod.Get, server.Url("fast"), null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);
            Assert.False(fast.IsError, fast.Message);
        }

        // Together longer than one timeout: a reused source whose timer still ran would cancel one of them.
        for (var i = 0; i < 12; i++)
        {
            var fast = await client.SendAsync(HttpMethod.Get, server.Url("fast"), null, 0, TimeSpan.FromMilliseconds(300), CancellationToken.None);
            Assert.False(fast.IsError, fast.Message);
            await Task.Delay(40);
        }
    }

    [Fact]
    public async Task SendAsync_CallerCancels_CancellationReachesTheCaller()
    {
        await using var server = await RawServer.StartAsync();
        using var client = new HandsetHttpClient(new HttpClientSettings { MaxConnectionsPerServer = 4 });
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.SendAsync(HttpMethod.Get, server.Url("slow"), null, 0, TimeSpan.FromSeconds(30), caller.Token));

        var fast = await client.SendAsync(HttpMethod.Get, server.Url("fast"), null, 0, TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.False(fast.IsError, fast.Message);
    }
}
