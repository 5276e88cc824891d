using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// A real Kestrel server on loopback for engine tests: <c>/</c> answers at once and records when each request
/// arrived; a stall can be armed so that every request arriving inside the window waits until it ends.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _stallStart = long.MaxValue;
    private long _stallEnd = long.MinValue;

    private LocalServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Stopwatch timestamps at which requests to <c>/</c> arrived.</summary>
    public ConcurrentQueue<long> Arrivals { get; } = new();

    public static async Task<LocalServer> StartAsync(Action<WebApplication>? extraRoutes = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalServer(app);
        app.MapGet("/", async (HttpContext http) =>
        {
            var now = Stopwatch.GetTimestamp();
            server.Arrivals.Enqueue(now);
            var stallStart = Interlocked.Read(ref server._stallStart);
            var stallEnd = Interlocked.Read(ref server._stallEnd);
            if (now >= stallStart && now < stallEnd)
            {
                await Task.Delay(Stopwatch.GetElapsedTime(now, stallEnd));
            }

            return Results.Text("ok");
        });
        extraRoutes?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/");
        return server;
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
    }
}
