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
}
