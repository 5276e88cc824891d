using System.Net;
using System.Net.Sockets;

namespace Latency.Bench.Http;

/// <summary>Sockets bound to a chosen local address before they connect: a session sending as one handset.</summary>
public static class LocalSockets
{
    /// <summary>
    /// A socket factory that creates sockets as <paramref name="inner"/> does (e.g. in a probe's network namespace;
    /// null: plain sockets) and binds each to <paramref name="local"/> with an ephemeral port, so the peer and the
    /// emulator in between see that source address.
    /// </summary>
    /// <param name="inner">How sockets are created; null for a plain TCP socket of the asked family.</param>
    /// <param name="local">The address to send from.</param>
    /// <exception cref="SocketException">From the returned factory: the address cannot be bound here.</exception>
    public static Func<AddressFamily, Socket> Bound(Func<AddressFamily, Socket>? inner, IPAddress local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return family =>
        {
            var socket = inner?.Invoke(family) ?? new Socket(family, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // A destination of another family cannot be reached from this address: an error, not a silent send
                // from some other address (which would leave the radio unmodelled without a word).
                socket.Bind(new IPEndPoint(local, 0));
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }
}
