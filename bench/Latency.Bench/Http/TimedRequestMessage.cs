namespace Latency.Bench.Http;

/// <summary>
/// A request that carries the connection timings its ConnectCallback and PlaintextStreamFilter write (they get it as
/// <c>InitialRequestMessage</c>). A field instead of <see cref="HttpRequestMessage.Options"/>: setting an option
/// created a dictionary per request (~200 B), and the timings object is created only when the request opens a
/// connection, not on every request over a kept-alive one.
/// </summary>
/// <param name="method">The method.</param>
/// <param name="url">The target.</param>
internal sealed class TimedRequestMessage(HttpMethod method, Uri url) : HttpRequestMessage(method, url)
{
    /// <summary>Timings of the connection this request opened; null while it opened none.</summary>
    public ConnectionTiming? Timing { get; private set; }

    /// <summary>The timings to write for a connection this request is opening.</summary>
    public ConnectionTiming OpeningConnection() => Timing ??= new ConnectionTiming();
}
