using System.Net.Sockets;
using Latency.World.Native;

namespace Latency.World.Network;

/// <summary>Creates sockets inside a named network namespace (a probe's), for clients whose traffic must start there.</summary>
public static class NamespaceSockets
{
    /// <summary>
    /// A TCP or UDP socket that lives in <paramref name="networkNamespace"/>: the calling thread enters it, creates
    /// the socket and returns to where it was before this method returns.
    /// </summary>
    public static Socket Create(string networkNamespace, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        using var scope = NetworkNamespaceScope.Enter(networkNamespace);
        return new Socket(family, type, protocol);
    }

    /// <summary>
    /// Datagrams the kernel of <paramref name="networkNamespace"/> dropped so far because a UDP socket's receive buffer
    /// was full (<c>Udp: RcvbufErrors</c> in that namespace's /proc/net/snmp): losses of a slow reader, not of a path.
    /// </summary>
    public static long UdpReceiveBufferErrors(string networkNamespace)
    {
        using var scope = NetworkNamespaceScope.Enter(networkNamespace);
        // thread-self: /proc/self/net would show the namespace of the process's main thread, not this thread's.
        var lines = File.ReadAllLines("/proc/thread-self/net/snmp").Where(l => l.StartsWith("Udp:", StringComparison.Ordinal)).ToList();
        if (lines.Count < 2)
        {
            return 0;
        }

        var column = Array.IndexOf(lines[0].Split(' '), "RcvbufErrors");
        return column < 0 ? 0 : long.Parse(lines[1].Split(' ')[column], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Sets a socket's receive buffer to <paramref name="bytes"/> even above net.core.rmem_max (SO_RCVBUFFORCE, root
    /// only), so a reader that pauses for a garbage collection does not lose datagrams. Without the capability the
    /// ordinary, capped buffer is asked for.
    /// </summary>
    public static void ForceReceiveBuffer(Socket socket, int bytes)
    {
        ArgumentNullException.ThrowIfNull(socket);
        const int SolSocket = 1;
        const int SoRcvBufForce = 33;
        try
        {
            socket.SetRawSocketOption(SolSocket, SoRcvBufForce, BitConverter.GetBytes(bytes));
        }
        catch (SocketException)
        {
            socket.ReceiveBufferSize = bytes;
        }
    }
}
