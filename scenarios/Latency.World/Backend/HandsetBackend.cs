using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Latency.Timing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Latency.World.Backend;

/// <summary>
/// The service a deployment runs: a real Kestrel server whose answers are described by parameters, so workloads
/// describe the service (server time, response size) rather than code.
/// <para>
/// A request carrying the instruction headers (<c>X-Latency-Response-Bytes: n</c>, <c>X-Latency-Server-Ms: ms</c>,
/// see <see cref="Latency.Scenarios.Workloads.ResponseInstructionHeaders"/>; one left out counts as 0) is answered
/// from them whatever its method and path: the body is read to its end, the server time waited, then 200 with n bytes
/// (at most <see cref="MaxResponseBytes"/>; HEAD gets the Content-Length and no body). A bad value gets 400 naming
/// every bad header. This is how workloads and replayed captures of real apps (any path, DELETE and OPTIONS
/// included) get their recorded sizes and server times.
/// </para>
/// <para>
/// Requests without them go to the named endpoints: <c>GET /health</c>, <c>GET /bytes/{n}</c> (n bytes),
/// <c>POST|PUT|PATCH /upload</c> (reads and discards the body, answers its size), <c>GET /protocol</c> (the HTTP
/// version the request arrived with, e.g. <c>HTTP/2</c>); each takes <c>?server_ms=</c> to add server time before
/// answering; any other path is 404.
/// </para>
/// Over TLS (1.3 only) it serves HTTP/1.1 and HTTP/2 on one port, chosen by ALPN; see <see cref="HandsetBackendOptions"/>.
/// </summary>
public sealed class HandsetBackend : IAsyncDisposable
{
    /// <summary>Largest response served (1 GiB): a typo should not fill a disk or a pipe for hours.</summary>
    public const long MaxResponseBytes = 1L << 30;

    private static readonly byte[] Filler = CreateFiller();
    private readonly WebApplication _app;
    private readonly SafeSocketHandle? _ownedListener;

    private HandsetBackend(WebApplication app, Uri baseUrl, SafeSocketHandle? ownedListener, BackendTraffic traffic)
    {
        Traffic = traffic;
        _app = app;
        BaseUrl = baseUrl;
        _ownedListener = ownedListener;
    }

    /// <summary>What it has received and answered since it started (requests, body bytes each way).</summary>
    public BackendTraffic Traffic { get; }

    /// <summary>Where clients reach the backend, e.g. <c>https://127.0.0.1:40123/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port), plain HTTP/1.1.</summary>
    public static Task<HandsetBackend> StartAsync(IPAddress address, int port, CancellationToken cancellationToken) =>
        StartAsync(new HandsetBackendOptions { Address = address, Port = port }, cancellationToken);

    /// <summary>Binds <see cref="HandsetBackendOptions.Address"/>:<see cref="HandsetBackendOptions.Port"/> and starts.</summary>
    /// <exception cref="ArgumentException">The options are not usable (every problem is listed).</exception>
    public static Task<HandsetBackend> StartAsync(HandsetBackendOptions options, CancellationToken cancellationToken)
    {
        ThrowIfInvalid(options);
        return StartCoreAsync(options, (kestrel, configure) => kestrel.Listen(options.Address, options.Port, configure), null, null, cancellationToken);
    }

    /// <summary>
    /// Starts on a socket that is already created, bound and listening, given by its file descriptor: the world creates
    /// it inside a deployment's network namespace and Kestrel (which knows nothing of namespaces) accepts on it.
    /// The backend takes ownership of the descriptor and closes it when disposed, after Kestrel stopped (Kestrel itself
    /// wraps a handed-over descriptor without owning it), also when starting fails.
    /// <see cref="HandsetBackendOptions.Address"/> and <see cref="HandsetBackendOptions.Port"/> are not used.
    /// </summary>
    /// <param name="listenHandle">The descriptor of a bound, listening TCP socket.</param>
    /// <param name="localEndPoint">Where that socket is bound, for <see cref="BaseUrl"/>.</param>
    /// <param name="options">TLS and protocols.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    public static Task<HandsetBackend> StartAsync(ulong listenHandle, IPEndPoint localEndPoint, HandsetBackendOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(localEndPoint);
        var owned = new SafeSocketHandle((IntPtr)listenHandle, ownsHandle: true);
        try
        {
            ThrowIfInvalid(options);
        }
        catch
        {
            owned.Dispose();
            throw;
        }

        return StartCoreAsync(options, (kestrel, configure) => kestrel.ListenHandle(listenHandle, configure), localEndPoint, owned, cancellationToken);
    }

    /// <summary>
    /// Starts on <paramref name="listenSocket"/>, a bound TCP socket (put into listening state if it is not yet).
    /// The backend listens on a duplicate of its descriptor, so the caller keeps (and disposes) its own
    /// <see cref="Socket"/>; Linux only.
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static Task<HandsetBackend> StartAsync(Socket listenSocket, HandsetBackendOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listenSocket);
        var bound = listenSocket.LocalEndPoint as IPEndPoint
                    ?? throw new ArgumentException("the socket must be a bound IP socket", nameof(listenSocket));
        ThrowIfInvalid(options);
        listenSocket.Listen();
        var duplicate = SocketDescriptor.Duplicate(listenSocket.SafeHandle);
        return StartAsync((ulong)duplicate, bound, options, cancellationToken);
    }

    private static async Task<HandsetBackend> StartCoreAsync(HandsetBackendOptions options,
        Action<KestrelServerOptions, Action<ListenOptions>> listen, IPEndPoint? knownEndPoint, SafeSocketHandle? ownedListener,
        CancellationToken cancellationToken)
    {
        try
        {
            return await StartKestrelAsync(options, listen, knownEndPoint, ownedListener, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ownedListener?.Dispose();
            throw;
        }
    }

    private static async Task<HandsetBackend> StartKestrelAsync(HandsetBackendOptions options,
        Action<KestrelServerOptions, Action<ListenOptions>> listen, IPEndPoint? knownEndPoint, SafeSocketHandle? ownedListener,
        CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            listen(kestrel, endpoint =>
            {
                endpoint.Protocols = options.Protocols;
                if (options.Certificate is { } certificate)
                {
                    endpoint.UseHttps(https =>
                    {
                        https.ServerCertificate = certificate;
                        // TLS 1.3 only: what current handsets negotiate, and the handshake (1 RTT) the world measures.
                        https.SslProtocols = SslProtocols.Tls13;
                    });
                }
            });
        });
        var app = builder.Build();
        var traffic = new BackendTraffic();
        MapEndpoints(app, traffic);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var scheme = options.Certificate is null ? "http" : "https";
        Uri baseUrl;
        if (knownEndPoint is not null)
        {
            baseUrl = new Uri($"{scheme}://{FormatHost(knownEndPoint.Address)}:{knownEndPoint.Port}/");
        }
        else
        {
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            baseUrl = new Uri(bound + "/");
        }

        return new HandsetBackend(app, baseUrl, ownedListener, traffic);
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private static void ThrowIfInvalid(HandsetBackendOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("handset backend options: " + string.Join("; ", errors), nameof(options));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _ownedListener?.Dispose();
    }

    private static void MapEndpoints(WebApplication app, BackendTraffic traffic)
    {
        // Before the endpoints run (routing has only matched): a captured app's paths are unknown here, and its DELETE or
        // OPTIONS on a known path would be 405; the instruction decides the answer, not the route.
        app.Use(async (HttpContext http, RequestDelegate next) =>
        {
            traffic.Request();
            var errors = new List<string>();
            if (ResponseInstruction.Read(http.Request.Headers, errors) is { } instruction)
            {
                await AnswerAsInstructedAsync(http, instruction, traffic).ConfigureAwait(false);
            }
            else if (errors.Count > 0)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteTextAsync(http, string.Join("\n", errors) + "\n", "text/plain; charset=utf-8", traffic).ConfigureAwait(false);
            }
            else
            {
                await next(http).ConfigureAwait(false);
            }
        });
        app.MapGet("/health", async (HttpContext http) =>
        {
            await ServerTimeAsync(http).ConfigureAwait(false);
            await WriteTextAsync(http, "ok", "text/plain; charset=utf-8", traffic).ConfigureAwait(false);
        });
        app.MapGet("/protocol", async (HttpContext http) =>
        {
            await ServerTimeAsync(http).ConfigureAwait(false);
            await WriteTextAsync(http, http.Request.Protocol, "text/plain; charset=utf-8", traffic).ConfigureAwait(false);
        });
        app.MapGet("/bytes/{n:long}", async (HttpContext http, long n) =>
        {
            if (n < 0 || n > MaxResponseBytes)
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await WriteTextAsync(http, $"n must be between 0 and {MaxResponseBytes}", "text/plain; charset=utf-8", traffic).ConfigureAwait(false);
                return;
            }

            await ServerTimeAsync(http).ConfigureAwait(false);
            await WriteBytesAsync(http, n, traffic).ConfigureAwait(false);
        });
        // PUT and PATCH too: apps upload with any of them (the photo-backup workload PUTs its photo).
        app.MapMethods("/upload", ["POST", "PUT", "PATCH"], async (HttpContext http) =>
        {
            var total = await ReadBodyAsync(http, traffic).ConfigureAwait(false);
            await ServerTimeAsync(http).ConfigureAwait(false);
            await WriteTextAsync(http, System.Text.Json.JsonSerializer.Serialize(new UploadReceipt(total), UploadReceiptJsonContext.Default.UploadReceipt),
                "application/json; charset=utf-8", traffic).ConfigureAwait(false);
        });
    }

    private static async Task AnswerAsInstructedAsync(HttpContext http, ResponseInstruction instruction, BackendTraffic traffic)
    {
        // The whole upload first, as a service reads a request before working on it; then the server time.
        await ReadBodyAsync(http, traffic).ConfigureAwait(false);
        if (instruction.ServerTime > TimeSpan.Zero)
        {
            await WaitServerTimeAsync(instruction.ServerTime, http.RequestAborted).ConfigureAwait(false);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        await WriteBytesAsync(http, instruction.ResponseBytes, traffic).ConfigureAwait(false);
    }

    /// <summary>Reads the request body to its end and discards it; returns its size.</summary>
    private static async Task<long> ReadBodyAsync(HttpContext http, BackendTraffic traffic)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += read;
                traffic.Read(read);
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Answers <paramref name="count"/> bytes of incompressible filler with their Content-Length; to HEAD, the
    /// Content-Length a GET would get and no body.
    /// </summary>
    private static async Task WriteBytesAsync(HttpContext http, long count, BackendTraffic traffic)
    {
        http.Response.ContentType = "application/octet-stream";
        http.Response.ContentLength = count;
        var left = HttpMethods.IsHead(http.Request.Method) ? 0 : count;
        while (left > 0)
        {
            var chunk = (int)Math.Min(left, Filler.Length);
            await http.Response.Body.WriteAsync(Filler.AsMemory(0, chunk), http.RequestAborted).ConfigureAwait(false);
            traffic.Wrote(chunk);
            left -= chunk;
        }
    }

    /// <summary>A short text answer with its Content-Length, counted like any other body (to HEAD: no body).</summary>
    private static async Task WriteTextAsync(HttpContext http, string text, string contentType, BackendTraffic traffic)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        http.Response.ContentType = contentType;
        http.Response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        traffic.Wrote(bytes.Length);
    }

    /// <summary>
    /// Spends a server time, never less: Task.Delay's timer counts the coarse millisecond clock and was seen firing
    /// 1.3 ms early against the client's Stopwatch (a 30 ms server time measured 28.7 ms end to end on loopback), so
    /// the wait goes through the precise scheduler (nanosleep, then a spin; late by microseconds, never early). The
    /// response is then written from the scheduler's thread until its first real await, which is microseconds.
    /// </summary>
    private static Task WaitServerTimeAsync(TimeSpan serverTime, CancellationToken cancellationToken) =>
        PreciseScheduler.Shared.WaitUntilAsync(Stopwatch.GetTimestamp() + (long)(serverTime.TotalSeconds * Stopwatch.Frequency), cancellationToken);

    private static async Task ServerTimeAsync(HttpContext http)
    {
        if (http.Request.Query.TryGetValue("server_ms", out var values)
            && double.TryParse(values.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms > 0)
        {
            await WaitServerTimeAsync(TimeSpan.FromMilliseconds(Math.Min(ms, 600_000)), http.RequestAborted).ConfigureAwait(false);
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
