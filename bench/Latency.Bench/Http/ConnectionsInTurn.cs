using System.Threading.Channels;

namespace Latency.Bench.Http;

/// <summary>
/// HTTP/1.1 connections used in turn, as wrk2 uses its connections: each lane is a handler holding one connection per
/// origin, and a request takes the lane idle longest (a FIFO of idle lanes), so every connection carries an equal
/// share of the rate. SocketsHttpHandler's own pool hands out the connection freed last instead (a LIFO stack since
/// .NET 9), which keeps a few connections busy back to back; see <see cref="HttpClientSettings.UseConnectionsInTurn"/>.
/// </summary>
internal sealed class ConnectionsInTurn : IDisposable
{
    private readonly HttpMessageInvoker[] _lanes;
    private readonly Channel<HttpMessageInvoker> _idle = Channel.CreateUnbounded<HttpMessageInvoker>();

    /// <param name="count">Lanes, i.e. connections per origin.</param>
    /// <param name="createHandler">Makes one lane's handler, given the most connections per origin it may open (1).</param>
    public ConnectionsInTurn(int count, Func<int, HttpMessageHandler> createHandler)
    {
        _lanes = [.. Enumerable.Range(0, count).Select(_ => new HttpMessageInvoker(createHandler(1), disposeHandler: true))];
        foreach (var lane in _lanes)
        {
            _idle.Writer.TryWrite(lane);
        }
    }

    /// <summary>The lane idle longest; waits (in arrival order) while every lane has a request in flight.</summary>
    public ValueTask<HttpMessageInvoker> TakeAsync(CancellationToken cancellationToken) => _idle.Reader.ReadAsync(cancellationToken);

    /// <summary>Puts a lane back at the end of the queue once its response has been read to the end.</summary>
    public void Return(HttpMessageInvoker lane) => _idle.Writer.TryWrite(lane);

    public void Dispose()
    {
        foreach (var lane in _lanes)
        {
            lane.Dispose();
        }
    }
}
