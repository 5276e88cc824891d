using System.Buffers;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latency.World.Backend;

/// <summary>
/// The service a deployment runs: a real Kestrel server whose answers are described by parameters, so workloads
/// describe the service (server time, response size) rather than code. Endpoints:
/// <c>GET /health</c>, <c>GET /bytes/{n}</c> (n bytes), <c>POST /upload</c> (reads and discards the body, answers its
/// size); every endpoint takes <c>?server_ms=</c> to add server time before answering.
/// </summary>
public sealed class HandsetBackend : IAsyncDisposable
{
    /// <summary>Largest response <c>/bytes</c> serves (1 GiB): a typo should not fill a disk or a pipe for hours.</summary>
    public const long MaxResponseBytes = 1L << 30;

    private static readonly byte[] Filler = CreateFiller();
    private readonly WebApplication _app;

    private HandsetBackend(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Starts on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port), plain HTTP/1.1 and h2c.</summary>
    public static async Task<HandsetBackend> StartAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        });
        var app = builder.Build();
        MapEndpoints(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HandsetBackend(app, new Uri(bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapGet("/health", async (HttpContext http) =>
        {
            await ServerTimeAsync(http).ConfigureAwait(false);
            return Results.Text("ok");
        });
        app.MapGet("/bytes/{n:long}", async (HttpContext http, long n) =>
        {
            if (n < 0 || n > MaxResponseBytes)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsync($"n must be between 0 and {MaxResponseBytes}").ConfigureAwait(false);
                return;
            }

            await ServerTimeAsync(http).ConfigureAwait(false);
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = n;
            var left = n;
            while (left > 0)
            {
                var chunk = (int)Math.Min(left, Filler.Length);
                await http.Response.Body.WriteAsync(Filler.AsMemory(0, chunk), http.RequestAborted).ConfigureAwait(false);
                left -= chunk;
            }
        });
        app.MapPost("/upload", async (HttpContext http) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            long total = 0;
            try
            {
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            await ServerTimeAsync(http).ConfigureAwait(false);
            return Results.Json(new UploadReceipt(total), UploadReceiptJsonContext.Default.UploadReceipt);
        });
    }

    private static async Task ServerTimeAsync(HttpContext http)
    {
        if (http.Request.Query.TryGetValue("server_ms", out var values)
            && double.TryParse(values.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(ms, 600_000)), http.RequestAborted).ConfigureAwait(false);
        }
    }

    private static byte[] CreateFiller()
    {
        // Not zeros: a compressing middlebox or TLS layer must not shrink the payload a workload asked for.
        var filler = new byte[64 * 1024];
        new Random(7).NextBytes(filler);
        return filler;
    }
}
