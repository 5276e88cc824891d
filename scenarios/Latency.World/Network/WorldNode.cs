using System.Net;

namespace Latency.World.Network;

/// <summary>One namespace of the world (a probe or a deployment) with its TUN interface and address.</summary>
public sealed record WorldNode(string Name, string Namespace, string TunName, IPAddress Address);
