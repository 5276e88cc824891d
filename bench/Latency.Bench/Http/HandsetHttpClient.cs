using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Latency.Bench.Load;
using Latency.Bench.Recording;
using Microsoft.Extensions.ObjectPool;

namespace Latency.Bench.Http;

/// <summary>
/// An HTTP/1.1 and HTTP/2 client that records where each request's time went: DNS, TCP connect, TLS handshake,
/// time to first byte and transfer. Built on SocketsHttpHandler with our own ConnectCallback (DNS and connect
/// timed around the real calls) and PlaintextStreamFilter (called when TLS is done); for load scenarios, one such
/// handler per HTTP/1.1 connection, used in turn (<see cref="HttpClientSettings.UseConnectionsInTurn"/>). Failures
/// come back as <see cref="Response.Fail"/> with a kind, never as exceptions.
/// </summary>
public sealed class HandsetHttpClient : IDisposable
{
    private readonly HttpMessageInvoker? _shared;
    private readonly ConnectionsInTurn? _inTurn;
    private readonly MonotonicClock _clock;
    private readonly HttpClientSettings _settings;
    private readonly ObjectPool<CancellationTokenSource> _timeouts;

    public HandsetHttpClient(HttpClientSettings settings, MonotonicClock? clock = null)
    {
        _settings = settings;
        _clock = clock ?? MonotonicClock.System;
        // Enough for every request in flight of a load scenario; beyond it a source is made and dropped as before.
        _timeouts = new DefaultObjectPoolProvider { MaximumRetained = Math.Max(256, settings.MaxConnectionsPerServer) }
            .Create(new ResettableTimeoutPolicy());
        // HTTP/2 multiplexes requests on one connection: there is no connection per request to take turns with.
        if (settings.UseConnectionsInTurn && settings.HttpVersion.Major == 1)
        {
            _inTurn = new ConnectionsInTurn(settings.MaxConnectionsPerServer, CreateHandler);
        }
        else
        {
            _shared = new HttpMessageInvoker(CreateHandler(settings.MaxConnectionsPerServer), disposeHandler: true);
        }
    }

    /// <summary>Sends one request, reads the whole body, and returns the outcome with its phases.</summary>
    public async Task<Response> SendAsync(HttpMethod method, Uri url, IReadOnlyDictionary<string, string>? headers,
        long bodyBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new TimedRequestMessage(method, url)
        {
            Version = _settings.HttpVersion,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var body = bodyBytes > 0 ? new ZeroContent(bodyBytes) : null;
        request.Content = body;

        // No empty dictionary (and boxed enumerator) per request without headers.
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content ??= new ByteArrayContent([]);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        var timeoutSource = _timeouts.Get();
        timeoutSource.CancelAfter(timeout);
        // What a linked source did: the caller's token cancels the request too. Disposed before the source goes back
        // to the pool, so a late cancel of this request cannot reach the next one.
        var callerCancels = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeoutSource);
        var sendStart = _clock.Now;
        long headersAt = 0;
        HttpMessageInvoker? lane = null;
        try
        {
            // Waiting for a lane counts like SocketsHttpHandler's wait for a pooled connection: in the request's time.
            lane = _shared ?? await _inTurn!.TakeAsync(timeoutSource.Token).ConfigureAwait(false);
            using var response = await lane.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
            headersAt = _clock.Now;
            var size = await DrainAsync(response, timeoutSource.Token).ConfigureAwait(false);
            var phases = Phases(request.Timing, sendStart, headersAt, _clock.Now);
            var status = (int)response.StatusCode;
            return status >= 400
                ? Response.Fail(ErrorKinds.FromStatus(status), response.ReasonPhrase, status, phases).WithBodyBytes(body?.Written ?? 0, size)
                : Response.Ok(status, size, phases).WithBodyBytes(body?.Written ?? 0, size);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A partly read answer's bytes are not known here; its request body's are.
            return Response.Fail(ErrorKinds.Timeout, $"no complete answer within {timeout.TotalSeconds:0.###} s").WithBodyBytes(body?.Written ?? 0, 0);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return Response.Fail(ErrorKinds.FromException(ex), ex.Message).WithBodyBytes(body?.Written ?? 0, 0);
        }
        finally
        {
            callerCancels.Dispose();
            _timeouts.Return(timeoutSource);
            if (_inTurn is not null && lane is not null)
            {
                _inTurn.Return(lane);
            }
        }
    }

    public void Dispose()
    {
        _shared?.Dispose();
        _inTurn?.Dispose();
        (_timeouts as IDisposable)?.Dispose();
    }

    private SocketsHttpHandler CreateHandler(int maxConnectionsPerServer)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            PlaintextStreamFilter = AfterTlsAsync,
            MaxConnectionsPerServer = maxConnectionsPerServer,
            ConnectTimeout = _settings.ConnectTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        handler.SslOptions = new SslClientAuthenticationOptions { AllowTlsResume = _settings.AllowTlsResume };
        if (_settings.TrustedRoots is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateWithRoots(certificate, errors, roots);
        }

        return handler;
    }

    // A pooled ValueTask: its state machine is reused instead of a new Task per request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<long> DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private RequestPhases Phases(ConnectionTiming? timing, long sendStart, long headersAt, long endAt)
    {
        // Time to first byte counts from when this request could first be written: after its own new connection was
        // ready, or at send when it reused one (no timings then).
        var readyAt = timing?.TlsDoneAt ?? timing?.ConnectedAt ?? sendStart;
        var ttfbStart = Math.Max(sendStart, readyAt);
        long? tls = timing?.TlsDoneAt is { } tlsDone && timing.ConnectedAt is { } connected ? tlsDone - connected : null;
        return new RequestPhases(
            timing?.DnsTicks is { } dns ? _clock.ToMicroseconds(dns) : null,
            timing?.ConnectTicks is { } connect ? _clock.ToMicroseconds(connect) : null,
            tls is { } t ? _clock.ToMicroseconds(t) : null,
            _clock.ToMicroseconds(Math.Max(0, headersAt - ttfbStart)),
            _clock.ToMicroseconds(endAt - headersAt));
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var timing = (context.InitialRequestMessage as TimedRequestMessage)?.OpeningConnection();
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses;
        var dnsStart = _clock.Now;
        var port = context.DnsEndPoint.Port;
        if (_settings.EndpointOverride?.Invoke(context.DnsEndPoint) is { } overridden)
        {
            addresses = [overridden.Address];
            port = overridden.Port;
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            if (timing is not null)
            {
                timing.DnsTicks = _clock.Now - dnsStart;
            }
        }

        Exception? last = null;
        // Happy-eyeballs-lite: IPv4 first (what handsets on mobile networks mostly reach), then the rest in order.
        foreach (var address in addresses.OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1))
        {
            var socket = _settings.SocketFactory?.Invoke(address.AddressFamily)
                         ?? new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.NoDelay = true;
            try
            {
                var connectStart = _clock.Now;
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                var connected = _clock.Now;
                if (timing is not null)
                {
                    timing.ConnectTicks = connected - connectStart;
                    timing.ConnectedAt = connected;
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                last = ex;
                if (ex is OperationCanceledException)
                {
                    throw;
                }
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private ValueTask<Stream> AfterTlsAsync(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken)
    {
        // Called once the connection carries plaintext: for https that is the moment the TLS handshake completed.
        if (context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps
            && context.InitialRequestMessage is TimedRequestMessage request)
        {
            request.OpeningConnection().TlsDoneAt = _clock.Now;
        }

        return ValueTask.FromResult(context.PlaintextStream);
    }

    private static bool ValidateWithRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only an untrusted root may be overridden, and only by a chain that ends in one of the given roots.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
